/** Text files bundled by Vite (`?raw`): the shipped playbook templates. */
declare module '*.yml?raw' {
  const text: string;
  export default text;
}
