import type { ScenarioFile } from '@civicflow/engine/testing';

/** The file name a saved scenario gets: the process, its version and the simulated time reached. */
export function scenarioFileName(file: ScenarioFile): string {
  const reached = (file.expect?.now ?? file.start.at).slice(0, 16).replace(/[^0-9]/g, '');
  return `${file.definition.id}-v${file.definition.version}-${reached}.scenario.json`;
}

/**
 * Offers a scenario file for download (a Blob URL followed by a link with `download`: no server,
 * no inline script — fine under the studio's CSP). Returns the file's name.
 */
export function downloadScenario(file: ScenarioFile): string {
  const name = scenarioFileName(file);
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(file, null, 2)}\n`], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has started the download by now; the URL is released a little later for slow ones.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
