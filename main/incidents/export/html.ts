/**
 * The incident report as one self-contained HTML file: inline CSS, no script,
 * no external resource (a Content-Security-Policy meta forbids any), every
 * value escaped. The TLP banner (FIRST colours on black) is at the top and
 * bottom, and repeated on each printed page (`position: fixed` in print).
 */
import type { ReportBlock, ReportDoc } from './report-model';
import { TLP_STYLE } from './tlp';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const CSS = `
body{font-family:"Segoe UI",Helvetica,Arial,sans-serif;color:#1b1b1b;margin:0;padding:0 2rem 3rem;line-height:1.45}
.tlp{background:#000;padding:.4rem .8rem;font-weight:700;font-family:Consolas,monospace;display:flex;justify-content:space-between;margin:0 -2rem}
.tlp small{font-weight:400;color:#fff}
h1{font-size:1.5rem;margin:1.2rem 0 .2rem}h2{font-size:1.15rem;border-bottom:2px solid #004b87;padding-bottom:.2rem;margin-top:1.8rem}
.sub{color:#555;margin:0 0 1rem}
.note{border-left:4px solid #c0392b;background:#fdf1ef;padding:.5rem .8rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ccc;padding:.3rem .45rem;text-align:left;vertical-align:top;word-break:break-word}
th{background:#eef3f8}table.fields th{width:30%}
p.text{white-space:pre-wrap}
footer{margin-top:2rem;color:#555;font-size:.85rem}
@media print{.tlp.top{position:fixed;top:0;left:2rem;right:2rem}body{padding-top:2.5rem}}
`;

function block(b: ReportBlock): string {
  if (b.kind === 'text') return `<p class="text">${escapeHtml(b.text)}</p>`;
  if (b.kind === 'fields') {
    return `<table class="fields"><tbody>${b.rows
      .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
      .join('')}</tbody></table>`;
  }
  return `<table><thead><tr>${b.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

export function renderHtml(doc: ReportDoc): string {
  const tlp = TLP_STYLE[doc.tlp];
  const banner = (cls: string) =>
    `<div class="tlp ${cls}" style="color:${tlp.color}"><span>${escapeHtml(tlp.label)}</span><small>${escapeHtml(tlp.meaning)}</small></div>`;
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${tlp.label} — ${doc.title}`)}</title>
<style>${CSS}</style>
</head>
<body>
${banner('top')}
<h1>${escapeHtml(doc.title)}</h1>
<p class="sub">${escapeHtml(doc.subtitle)} · PAP:${escapeHtml(doc.pap)}</p>
${doc.redactionNote ? `<p class="note" role="note">${escapeHtml(doc.redactionNote)}</p>` : ''}
${doc.sections.map((s) => `<section><h2>${escapeHtml(s.title)}</h2>${s.blocks.map(block).join('\n')}</section>`).join('\n')}
<footer>${escapeHtml(doc.footer)}</footer>
${banner('bottom')}
</body>
</html>
`;
}
