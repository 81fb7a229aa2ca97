/** Clear French messages for the errors of binding a listening port. */
export function bindErrorMessage(e: unknown, proto: string, address: string, port: number): string {
  const code = (e as { code?: string }).code;
  const where = `${proto} ${address}:${port}`;
  switch (code) {
    case 'EADDRINUSE':
      return `Port ${where} déjà utilisé par un autre programme`;
    case 'EACCES':
    case 'EPERM':
      return `Port ${where} refusé par le système : droits insuffisants (les ports < 1024 sont réservés ; choisissez par exemple 5514)`;
    case 'EADDRNOTAVAIL':
      return `Adresse ${address} absente de cette machine (${where})`;
    default:
      return `Écoute impossible sur ${where} : ${e instanceof Error ? e.message : String(e)}`;
  }
}
