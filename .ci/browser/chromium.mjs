// What the browser checks share: Chromium started as this machine needs it, and
// the WCAG levels axe checks.
import { chromium } from "playwright-core";

// The WCAG 2.0, 2.1 and 2.2 A and AA rules of axe-core.
export const wcag = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

const launchOptions = {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

// Starts headless Chromium. It occasionally crashes while starting on a loaded CI
// machine (seen once: SIGSEGV before any page), so the launch is tried up to three
// times; page checks are not retried.
export async function launch() {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await chromium.launch(launchOptions);
    } catch (error) {
      if (attempt === 3) throw error;
      console.error(`chromium failed to start (attempt ${attempt}): ${String(error.message).split("\n")[0]}; retrying`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
