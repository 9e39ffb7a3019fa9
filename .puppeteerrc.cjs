/** Puppeteer's own browser download cannot work here: tests drive Debian's Chromium. */
module.exports = { skipDownload: true }
