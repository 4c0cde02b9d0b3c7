// electron-builder loads hooks with require(); the check itself lives in prepare-electron.mjs.
exports.default = async function beforePack(context) {
  const { beforePack: check } = await import('./prepare-electron.mjs');
  await check(context);
};
