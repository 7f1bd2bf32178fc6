// Open HTML reports in headless Chromium (Debian's `chromium`) and report, as JSON on
// standard output, for each file: console errors, requests other than the file itself,
// whether the text reads with JavaScript off, horizontal overflow at A4 print width,
// axe-core violations, and where its screenshot went.
//
//   node check-report.mjs --out DIR report1.html [report2.html ...]
//   node check-report.mjs --readme-screenshot docs/report-screenshot.png report.html
//
// Environment: CHROMIUM (default /usr/bin/chromium).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];
// A4 is 210 mm wide; the print stylesheet leaves 16 mm margins, so 178 mm of content.
const A4_CONTENT_WIDTH_PX = Math.round((178 / 25.4) * 96);
// The round's overview prints on A4 landscape: 297 mm less its 14 mm margins.
const A4_LANDSCAPE_CONTENT_WIDTH_PX = Math.round((269 / 25.4) * 96);

function parseArgs(argv) {
  const options = { out: null, readme: null, files: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") options.out = argv[++i];
    else if (argv[i] === "--readme-screenshot") options.readme = argv[++i];
    else options.files.push(argv[i]);
  }
  if (!options.files.length || (!options.out && !options.readme)) {
    console.error("usage: check-report.mjs (--out DIR | --readme-screenshot PNG) FILE.html...");
    process.exit(2);
  }
  return options;
}

async function newContext(browser, fileUrl, requests, javaScriptEnabled) {
  const context = await browser.newContext({
    javaScriptEnabled,
    viewport: { width: 1000, height: 1400 },
    deviceScaleFactor: 1,
  });
  // A report must not reach the network: record and refuse anything but the file itself.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url === fileUrl) return route.continue();
    requests.push(url);
    return route.abort();
  });
  return context;
}

async function checkFile(browser, file, outDir) {
  const fileUrl = pathToFileURL(path.resolve(file)).href;
  const result = { file, consoleErrors: [], requests: [], violations: [], screenshot: null };

  // 1. JavaScript off: the report must read without it.
  const plain = await newContext(browser, fileUrl, result.requests, false);
  const plainPage = await plain.newPage();
  await plainPage.goto(fileUrl, { waitUntil: "load" });
  const heading = await plainPage.$("h1");
  result.headingWithoutJs = heading ? ((await heading.textContent()) || "").trim() : "";
  await plain.close();

  // 2. JavaScript on (for axe-core only): console, screenshot, print width, accessibility.
  const context = await newContext(browser, fileUrl, result.requests, true);
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") result.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => result.consoleErrors.push(String(error)));
  await page.goto(fileUrl, { waitUntil: "load" });
  result.title = await page.title();
  result.lang = await page.getAttribute("html", "lang");
  if (outDir) {
    result.screenshot = path.join(outDir, `${path.basename(file, ".html")}.png`);
    await page.screenshot({ path: result.screenshot, fullPage: true });
  }

  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: A4_CONTENT_WIDTH_PX, height: 1000 });
  result.printOverflowPx = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  await page.setViewportSize({ width: A4_LANDSCAPE_CONTENT_WIDTH_PX, height: 1000 });
  result.printOverflowLandscapePx = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  await page.emulateMedia({ media: "screen" });
  await page.setViewportSize({ width: 1000, height: 1400 });

  await page.addScriptTag({ content: AXE_SOURCE });
  const axe = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  result.violations = axe.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
  }));
  await context.close();
  return result;
}

async function readmeScreenshot(browser, file, target) {
  const fileUrl = pathToFileURL(path.resolve(file)).href;
  const context = await newContext(browser, fileUrl, [], false);
  const page = await context.newPage();
  await page.setViewportSize({ width: 900, height: 1500 });
  await page.goto(fileUrl, { waitUntil: "load" });
  await page.screenshot({ path: target, fullPage: false });
  await context.close();
}

const options = parseArgs(process.argv.slice(2));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: CHROMIUM_ARGS,
});
try {
  if (options.readme) {
    await readmeScreenshot(browser, options.files[0], options.readme);
  } else {
    const results = [];
    for (const file of options.files) results.push(await checkFile(browser, file, options.out));
    process.stdout.write(JSON.stringify(results, null, 2) + "\n");
  }
} finally {
  await browser.close();
}
