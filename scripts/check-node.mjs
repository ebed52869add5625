// Tagdesk runs on the Node pinned in devDependencies ("node"), which npm puts first on PATH
// for every script. An older Node (the system's 20, say) fails loudly here instead of
// failing obscurely later.
const MIN_MAJOR = 24;
const major = Number(process.versions.node.split('.')[0]);
if (process.argv.includes('--install')) {
  // During install the pinned Node is not there yet; npm itself runs on the system Node.
  process.exit(0);
}
if (major < MIN_MAJOR) {
  console.error(
    `\nTagdesk needs Node ${MIN_MAJOR} or newer; this is Node ${process.versions.node} (${process.execPath}).\n` +
      'Run it through npm ("npm start", "npm test") so the pinned Node from node_modules/.bin is used,\n' +
      'or install a current LTS Node.\n',
  );
  process.exit(1);
}
