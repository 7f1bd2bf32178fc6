// Fill in an application form (`hallbarhet new --format html`) in headless Chromium as an
// applicant would, and report as JSON on standard output: console errors, requests,
// axe-core violations (empty form, after a save with problems, filled in), whether a
// dependent question appears and disappears with its condition, where the saved files
// went, and whether opening the saved file again restores every answer.
//
//   node fill-form.mjs PLAN.json
//
// PLAN: {form, draft, saved, screenshot?, steps: [{dom, type, value}], typo: {dom, text},
//        dependent: {trigger: {dom, type, on, off}, target: "q-…-item"}}
// Environment: CHROMIUM (default /usr/bin/chromium).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const plan = JSON.parse(await readFile(process.argv[2], "utf8"));
const fileUrl = pathToFileURL(path.resolve(plan.form)).href;

async function axe(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  const found = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return found.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
  }));
}

// Answer one question with the keyboard-reachable controls, as a person would.
async function answer(page, step) {
  const { dom, type, value } = step;
  if (type === "boolean" || type === "choice") {
    await page.check(`input[name="${dom}"][value="${value}"]`);
  } else if (type === "multichoice") {
    for (const box of await page.$$(`input[name="${dom}"]`)) {
      const wanted = value.includes(await box.getAttribute("value"));
      if (wanted !== (await box.isChecked())) await box.click();
    }
  } else {
    await page.fill(`#${dom}`, value);
  }
}

// Every control's state, to compare before saving and after opening the saved file.
function snapshot(page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("#form input, #form textarea")).map((el) => [
      el.id,
      el.type === "radio" || el.type === "checkbox" ? el.checked : el.value,
    ]),
  );
}

async function save(page, target) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save")]);
  await download.saveAs(target);
  return download.suggestedFilename();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync"],
});
const result = { consoleErrors: [], requests: [], violations: {}, dependent: {} };
try {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1000, height: 1400 } });
  // The form must not reach the network: record and refuse anything but the file itself.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url === fileUrl) return route.continue();
    result.requests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") result.consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => result.consoleErrors.push(String(e)));
  await page.goto(fileUrl, { waitUntil: "load" });
  result.lang = await page.getAttribute("html", "lang");
  result.violations.empty = await axe(page);

  // Saving an empty form: a draft, and an error summary that takes the focus.
  result.draftName = await save(page, plan.draft);
  result.summaryFocused = await page.evaluate(() => document.activeElement?.id === "summary");
  result.summaryItems = await page.locator("#summary-list li").count();
  result.violations.problems = await axe(page);
  // Keyboard only: from the summary, Tab to its first link and Enter moves to the question.
  await page.keyboard.press("Tab");
  const linked = await page.evaluate(() => document.activeElement.getAttribute("href"));
  await page.keyboard.press("Enter");
  result.keyboard = {
    linked,
    focused: await page.evaluate(() => "#" + document.activeElement.id),
  };
  // ... and typing there, then Tab to the next control, answers without a mouse.
  await page.keyboard.type("KRO-2026-9999");
  await page.keyboard.press("Tab");
  result.keyboard.typed = await page.inputValue("#f-id");
  result.keyboard.next = await page.evaluate(() => document.activeElement.id);

  // A number typed as words gets the message `validate` gives, once the field is left.
  await page.fill(`#${plan.typo.dom}`, plan.typo.text);
  await page.focus("#f-id");
  result.typoMessage = await page.textContent(`#${plan.typo.dom}-error`);
  result.typoInvalid = await page.getAttribute(`#${plan.typo.dom}`, "aria-invalid");
  await page.fill(`#${plan.typo.dom}`, "");

  const { trigger, target } = plan.dependent;
  const visible = () => page.isVisible(`#${target}`);
  result.dependent.before = await visible();
  await answer(page, { ...trigger, value: trigger.on });
  result.dependent.on = await visible();
  await answer(page, { ...trigger, value: trigger.off });
  result.dependent.off = await visible();

  for (const step of plan.steps) {
    if (await page.isVisible(`#${step.dom}-item`)) await answer(page, step);
  }
  result.progress = await page.textContent("#progress-text");
  result.violations.filled = await axe(page);
  if (plan.screenshot) {
    await page.setViewportSize({ width: 900, height: 1300 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: plan.screenshot });
  }
  const before = await snapshot(page);
  result.savedName = await save(page, plan.saved);
  result.status = await page.textContent("#status");
  result.summaryHidden = await page.isHidden("#summary");

  // A fresh page: open the saved file and compare every control.
  await page.reload({ waitUntil: "load" });
  await page.setInputFiles("#open-file", plan.saved);
  await page.waitForFunction(() => document.getElementById("status").textContent !== "");
  result.openedStatus = await page.textContent("#status");
  const after = await snapshot(page);
  result.restoreDiffs = before
    .map(([id, state], i) => [id, state, after[i] && after[i][1]])
    .filter(([, a, b]) => a !== b);
  result.controls = before.length;
  await context.close();
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result, null, 2) + "\n");
