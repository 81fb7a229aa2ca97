// electron-builder afterPack hook: flips the Electron fuses of the packaged
// executable before electron-builder signs it (fuses are baked into the binary,
// so they must be set after packing and before signing).
// Fuses: https://www.electronjs.org/docs/latest/tutorial/fuses
'use strict';
const path = require('node:path');
const { flipFuses, getCurrentFuseWire, FuseVersion, FuseV1Options } = require('@electron/fuses');

/** Arch enum of builder-util (context.arch is its numeric value). */
const ARCH_ARM64 = 3;
const EXTENSIONS = { darwin: '.app', mas: '.app', win32: '.exe', linux: '' };

/** What each fuse must be in a shipped Vigie. */
const FUSES = {
  // No "ELECTRON_RUN_AS_NODE=1 Vigie script.js": the binary is not a Node interpreter.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect could inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app.asar header hash is checked against the one embedded at build time (macOS, Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The UI is served over app://, file:// needs no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** Path of the packaged executable (the .app bundle on macOS), as electron-builder names it. */
function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const ext = EXTENSIONS[electronPlatformName];
  if (ext === undefined) throw new Error(`afterPack: unsupported platform "${electronPlatformName}"`);
  const name = electronPlatformName === 'linux' ? packager.executableName : packager.appInfo.productFilename;
  return path.join(appOutDir, `${name}${ext}`);
}

async function afterPack(context) {
  const file = executablePath(context);
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  await flipFuses(file, {
    version: FuseVersion.V1,
    // Flipping invalidates the ad-hoc signature that arm64 macOS requires to run.
    resetAdHocDarwinSignature: isMac && context.arch === ARCH_ARM64,
    ...FUSES,
  });
  // Read back: a fuse that did not take would silently weaken the build.
  const wire = await getCurrentFuseWire(file);
  for (const [index, wanted] of Object.entries(FUSES)) {
    const actual = wire[index];
    const expected = wanted ? 49 : 48; // '1' / '0'
    if (actual !== expected && actual !== 114 /* removed from this Electron */) {
      throw new Error(`afterPack: fuse ${FuseV1Options[index]} is ${actual}, expected ${expected}`);
    }
  }
  console.log(`  • fuses flipped on ${path.basename(file)} (RunAsNode off, NODE_OPTIONS off, --inspect off, asar integrity on, asar only on, cookie encryption on)`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.executablePath = executablePath;
module.exports.FUSES = FUSES;
