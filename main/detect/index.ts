/**
 * Public surface of the Sigma engine (see README.md). Everything else in
 * `sigma/` is internal.
 */
export { loadRules, loadRuleTexts, buildRuleSet, type LoadResult } from './sigma/loader';
export { Matcher } from './sigma/match';
export { Detector } from './sigma/detector';
export { CorrelationEngine } from './sigma/correlation';
export { retroHunt, type RetroOptions, type RetroProgress, type RetroResult } from './sigma/retro';
export { loadReport, summarizeLoad, formatReport, type LoadReport } from './sigma/report';
export { loadMappings, MappingSet, defaultMappingDir } from './sigma/mapping';
export { readSources, readTexts } from './sigma/sources';
export * from './sigma/types';
