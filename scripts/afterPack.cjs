// electron-builder's afterPack hook (package.json "build.afterPack"): flips Electron's fuses
// in the packaged binary before it is signed, so the shipped app cannot be turned into a
// plain Node (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect), loads its code only from its
// own integrity-checked app.asar, and encrypts its cookies. Validated by
// scripts/afterPack.test.ts on a stand-in binary, since none is built here.
const path = require('node:path');

/** The fuses Tagdesk ships with; every fuse of the V1 wire is set explicitly. */
const FUSES = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: false,
  WasmTrapHandlers: true,
};

/** Where electron-builder put the Electron binary of this platform inside appOutDir. */
function electronBinary(context) {
  const { electronPlatformName, appOutDir, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName);
}

async function afterPack(context) {
  const { flipFuses, FuseVersion, FuseV1Options } = await import('@electron/fuses');
  const config = { version: FuseVersion.V1, strictlyRequireAllFuses: true };
  for (const [name, value] of Object.entries(FUSES)) config[FuseV1Options[name]] = value;
  // Flipping fuses invalidates an ad-hoc signature (Apple silicon); electron-builder signs after this hook.
  config.resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === 3;
  await flipFuses(electronBinary(context), config);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.electronBinary = electronBinary;
