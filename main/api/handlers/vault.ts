import type { Handlers } from '../dispatcher';
import { checkPassphraseStrength } from '../../store/strength';
import type { HandlerCtx } from './context';

type VaultOps =
  | 'vault.status'
  | 'vault.checkPassphrase'
  | 'vault.create'
  | 'vault.unlock'
  | 'vault.unlockRemembered'
  | 'vault.forget'
  | 'vault.lock'
  | 'session.activity';

/** Vault lifecycle: create, unlock (passphrase or remembered key), lock, forget the remembered key. */
export const vaultHandlers: Pick<Handlers<HandlerCtx>, VaultOps> = {
  'vault.status': async (_input, { session }) => session.status(),
  'vault.checkPassphrase': async ({ passphrase, userInputs }) => checkPassphraseStrength(passphrase, userInputs),
  'vault.create': async ({ passphrase, operator, remember }, { session, logger }) => {
    const status = await session.create(passphrase, operator, remember);
    logger.info('vault created', { role: operator.role });
    await session.audit('vault.create', null);
    return status;
  },
  'vault.unlock': async ({ passphrase, remember }, { session, logger }) => {
    try {
      const status = await session.unlock(passphrase, remember);
      await session.audit('vault.unlock', null);
      return status;
    } catch (e) {
      logger.warn('vault unlock refused', { code: (e as { code?: string }).code });
      throw e;
    }
  },
  'vault.unlockRemembered': async (_input, { session }) => {
    const status = await session.unlockRemembered();
    await session.audit('vault.unlock', 'remembered key');
    return status;
  },
  'vault.forget': async (_input, { session }) => session.forget(),
  'vault.lock': async (_input, { session }) => session.lock('user'),
  'session.activity': async () => ({ ok: true as const }),
};
