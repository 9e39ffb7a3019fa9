/** The project runs on Node 24 (the `node` devDependency); older Node means scripts ran outside npm. */
export function assertNode24(): void {
  const major = Number(process.versions.node.split('.')[0])
  if (major < 24)
    throw new Error(
      `This project needs Node 24 or newer, but is running on Node ${process.versions.node}. ` +
        'Run it through `npm run …` or `npx …` after `npm ci`, which use the Node 24 from node_modules/.bin.',
    )
}
