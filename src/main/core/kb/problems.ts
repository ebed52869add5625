import { PRODUCTS } from '../demo';

// The recurring problems of the demo's product lines, as a support team would write them
// up: the words the article uses, the words callers use for the same thing (rarely the
// same words), and the fix. The demo desk's articles and the evaluation data are both
// made from this list, so suggestions on a demo ticket and the four-week curve speak of
// the same problems.

export interface Problem {
  key: string;
  /** The demo ticket subject this problem answers (demo.ts SUBJECTS). */
  subject: string;
  title: string;
  /** How an article names it. */
  terms: string[];
  /** How callers describe it. */
  symptoms: string[];
  steps: string[];
  /** Two general articles each problem also draws on: a diagnostic and a background one. */
  general: [string, string];
}

export const PROBLEMS: Problem[] = [
  { key: 'bios-power', subject: 'No power after BIOS update', title: 'No power after a BIOS update', terms: ['bios', 'update', 'power', 'recovery'], symptoms: ['dead', 'nothing happens', 'wont turn on', 'black', 'flashed firmware', 'power light off'], steps: ['Disconnect AC and battery, hold power 30 s (flea power drain).', 'Start BIOS recovery with Ctrl+Esc while plugging in AC.', 'Flash the previous BIOS from the recovery USB.'], general: ['bios-recovery', 'power-drain'] },
  { key: 'battery-80', subject: 'Battery not charging past 80%', title: 'Battery stops charging at 80 %', terms: ['battery', 'charging', 'charge', 'threshold'], symptoms: ['stuck at 80', 'plugged in not charging', 'percent stays', 'wont fill', 'battery meter'], steps: ['Open BIOS → Power → Battery Charge Configuration.', 'Switch from "Primarily AC use" to "Standard".', 'Check Dell Power Manager for the same setting.'], general: ['battery-health', 'power-manager'] },
  { key: 'bsod-wake', subject: 'Blue screen on wake from sleep', title: 'Blue screen when waking from sleep', terms: ['bsod', 'sleep', 'wake', 'modern standby'], symptoms: ['crash when opening lid', 'blue screen morning', 'restart after lid', 'stop code', 'crashes resume'], steps: ['Update the Intel graphics and chipset drivers.', 'Disable Modern Standby network connectivity in BIOS.', 'Collect the minidump and check the stop code.'], general: ['driver-updates', 'crash-dumps'] },
  { key: 'dock-monitors', subject: 'Docking station not detecting monitors', title: 'Dock does not detect external monitors', terms: ['dock', 'docking', 'monitors', 'displayport', 'firmware'], symptoms: ['screens black at desk', 'second screen no signal', 'external display missing', 'plugged into dock nothing', 'monitor not found'], steps: ['Update the dock firmware with the Dell Dock Firmware Update utility.', 'Update the graphics driver; check MST is enabled.', 'Try one monitor directly on the laptop to isolate the dock.'], general: ['dock-firmware', 'driver-updates'] },
  { key: 'fan-noise', subject: 'Fan noise under light load', title: 'Loud fan under light load', terms: ['fan', 'thermal', 'noise', 'profile'], symptoms: ['loud whirring', 'sounds like a jet', 'humming constantly', 'noisy when idle', 'spinning fast'], steps: ['Set the thermal profile to Quiet or Balanced in Dell Optimizer.', 'Check Task Manager for a background process at high CPU.', 'Clean the vents; run the ePSA fan test.'], general: ['thermal-profiles', 'epsa-diagnostics'] },
  { key: 'keyboard-keys', subject: 'Keyboard keys unresponsive', title: 'Keyboard keys do not respond', terms: ['keyboard', 'keys', 'unresponsive'], symptoms: ['cant type', 'letters missing', 'some buttons dead', 'typing nothing appears', 'pressing does nothing'], steps: ['Check Filter Keys is off in Windows accessibility settings.', 'Run the ePSA keyboard test.', 'Reseat or replace the keyboard (part dispatch).'], general: ['epsa-diagnostics', 'part-dispatch'] },
  { key: 'wifi-drops', subject: 'Wi-Fi drops every few minutes', title: 'Wi-Fi disconnects every few minutes', terms: ['wifi', 'wireless', 'network', 'adapter', 'power saving'], symptoms: ['internet keeps cutting out', 'losing connection', 'disconnects', 'teams calls drop', 'no internet randomly'], steps: ['Update the Intel/Killer wireless driver.', 'Turn off "Allow the computer to turn off this device to save power".', 'Set the roaming aggressiveness to Medium.'], general: ['driver-updates', 'network-reset'] },
  { key: 'smart-warning', subject: 'Hard drive SMART warning', title: 'Hard drive SMART warning at startup', terms: ['smart', 'drive', 'disk', 'ssd', 'failure'], symptoms: ['message about disk failing', 'hard disk error on boot', 'warning before windows', 'drive might fail', 'backup message'], steps: ['Back up the data at once.', 'Run the ePSA drive test and note the error code.', 'Dispatch a replacement drive under warranty.'], general: ['epsa-diagnostics', 'part-dispatch'] },
  { key: 'display-flicker', subject: 'Display flickers at low brightness', title: 'Screen flickers at low brightness', terms: ['display', 'flicker', 'brightness', 'panel', 'psr'], symptoms: ['screen flashing', 'blinking when dim', 'flickering dark', 'lines on screen', 'display jumpy'], steps: ['Disable Panel Self Refresh in the graphics control panel.', 'Update the graphics driver and BIOS.', 'Run the built-in LCD self-test (Fn + power).'], general: ['driver-updates', 'lcd-self-test'] },
  { key: 'raid-degraded', subject: 'RAID controller degraded', title: 'RAID virtual disk degraded', terms: ['raid', 'perc', 'degraded', 'virtual disk', 'rebuild'], symptoms: ['amber light on server', 'array warning', 'disk fault in idrac', 'server alert email', 'storage redundancy lost'], steps: ['Check the PERC event log in iDRAC.', 'Identify the failed physical disk by its blinking LED.', 'Hot-swap the disk; the rebuild starts on its own.'], general: ['idrac-logs', 'part-dispatch'] },
  { key: 'touchpad-driver', subject: 'Touchpad erratic after driver update', title: 'Touchpad erratic after a driver update', terms: ['touchpad', 'driver', 'precision', 'rollback'], symptoms: ['cursor jumping', 'mouse pointer wild', 'clicking on its own', 'scroll weird', 'trackpad jumpy'], steps: ['Roll back the touchpad driver in Device Manager.', 'Install the Precision Touchpad driver from the support site.', 'Reset touchpad settings in Windows.'], general: ['driver-updates', 'epsa-diagnostics'] },
  { key: 'no-boot-device', subject: 'Cannot boot: no bootable device', title: 'No bootable device found', terms: ['boot', 'bootable', 'device', 'sata', 'uefi'], symptoms: ['wont start windows', 'message no os', 'stuck before windows', 'boot loop', 'startup error'], steps: ['Check the SATA operation mode (RAID On vs AHCI) in BIOS.', 'Check the boot sequence is UEFI and lists Windows Boot Manager.', 'Run the ePSA drive test; dispatch a drive if it fails.'], general: ['bios-recovery', 'epsa-diagnostics'] },
  { key: 'ac-adapter', subject: 'Replacement AC adapter request', title: 'Replacing an AC adapter', terms: ['adapter', 'ac', 'charger', 'replacement', 'wattage'], symptoms: ['charger broke', 'power brick not working', 'cable frayed', 'need new charger', 'adapter warning'], steps: ['Confirm the adapter wattage the system needs (BIOS shows "adapter type").', 'Check warranty; dispatch under warranty or quote.', 'Ask the customer to recycle the old one.'], general: ['part-dispatch', 'power-manager'] },
  { key: 'thunderbolt', subject: 'Thunderbolt port stopped working', title: 'Thunderbolt port stopped working', terms: ['thunderbolt', 'port', 'usb', 'firmware', 'security'], symptoms: ['usb c does nothing', 'devices not recognised', 'dock not charging laptop', 'port dead', 'accessory not found'], steps: ['Update the Thunderbolt controller firmware and driver.', 'Set Thunderbolt security level to "No Security" to test.', 'Drain flea power and try again.'], general: ['dock-firmware', 'power-drain'] },
  { key: 'overheating-calls', subject: 'Overheating during video calls', title: 'Overheating during video calls', terms: ['overheating', 'thermal', 'cpu', 'throttling', 'video'], symptoms: ['very hot on teams', 'burning on zoom', 'slow and hot on calls', 'lap gets hot', 'shuts down in meetings'], steps: ['Set the thermal profile to Cool.', 'Turn off background blur, which loads the GPU.', 'Check for dust; run the ePSA thermal test.'], general: ['thermal-profiles', 'epsa-diagnostics'] },
];

export const GENERAL: Record<string, { title: string; body: string; tags: string[] }> = {
  'bios-recovery': { title: 'BIOS recovery and rollback', body: 'How to recover or roll back the BIOS with the recovery USB, Ctrl+Esc, and the BIOS recovery tool.', tags: ['bios', 'recovery'] },
  'power-drain': { title: 'Flea power drain (hard reset)', body: 'Disconnect AC, remove the battery where possible, hold the power button 30 seconds. Clears residual power that keeps a system from starting or a port from working.', tags: ['power', 'reset'] },
  'battery-health': { title: 'Battery health and charge settings', body: 'Read the battery health in BIOS or Dell Power Manager; charge thresholds such as Primarily AC use stop charging early on purpose.', tags: ['battery'] },
  'power-manager': { title: 'Dell Power Manager settings', body: 'Battery charge modes, thermal management and adapter warnings in Dell Power Manager.', tags: ['power', 'settings'] },
  'driver-updates': { title: 'Updating drivers with SupportAssist', body: 'Run SupportAssist or Dell Command Update to install the chipset, graphics, network and input drivers for the service tag.', tags: ['drivers', 'supportassist'] },
  'crash-dumps': { title: 'Collecting crash dumps and stop codes', body: 'Where Windows writes minidumps, how to read the stop code, and what to send to tier 2.', tags: ['bsod', 'logs'] },
  'dock-firmware': { title: 'Updating dock and Thunderbolt firmware', body: 'Use the Dell Dock Firmware Update utility; update the system BIOS first.', tags: ['dock', 'firmware'] },
  'thermal-profiles': { title: 'Thermal profiles in Dell Optimizer', body: 'Quiet, Balanced, Cool and Ultra Performance profiles, and what each does to fan speed and temperature.', tags: ['thermal', 'fan'] },
  'epsa-diagnostics': { title: 'Running ePSA diagnostics', body: 'Press F12 at start and choose Diagnostics; note the validation code and error code for a dispatch.', tags: ['diagnostics', 'epsa'] },
  'part-dispatch': { title: 'Dispatching a replacement part', body: 'Check the warranty level, confirm the address and contact, choose next business day or on-site, and note the diagnostic code.', tags: ['dispatch', 'warranty'] },
  'network-reset': { title: 'Network reset and wireless settings', body: 'Windows network reset, roaming aggressiveness, power saving on the wireless adapter.', tags: ['network', 'wifi'] },
  'lcd-self-test': { title: 'LCD built-in self-test', body: 'Hold D (or Fn) and press power: colour bars mean the panel is fine and the fault is in software or the graphics driver.', tags: ['display', 'lcd'] },
  'idrac-logs': { title: 'Reading iDRAC and PERC logs', body: 'Open the iDRAC web interface, Lifecycle log and storage event log; export a SupportAssist collection.', tags: ['server', 'idrac'] },
};

/** Articles that answer none of the problems: order status, warranty, invoices. */
export const UNRELATED: Array<{ title: string; body: string; tags: string[] }> = [
  { title: 'Checking an order status', body: 'Find the order by number or service tag; give the customer the estimated delivery date.', tags: ['orders'] },
  { title: 'Extending a warranty', body: 'Quote warranty extensions and upgrades from Basic to ProSupport or ProSupport Plus.', tags: ['warranty', 'sales'] },
  { title: 'Invoice and billing questions', body: 'Where invoices are, how to correct a billing address, and who handles refunds.', tags: ['billing'] },
  { title: 'Transferring ownership of a system', body: 'Record a change of owner so the warranty follows the system.', tags: ['ownership', 'warranty'] },
  { title: 'Return shipping labels', body: 'Send a prepaid return label for a part or system return.', tags: ['returns'] },
  { title: 'Booking an on-site technician', body: 'Book an on-site visit under ProSupport: address, contact, hours and parts.', tags: ['onsite'] },
];

export const PRODUCT_LINES = Object.keys(PRODUCTS);

/** Which product lines a problem occurs on (servers have their own problems). */
export function linesFor(p: Problem): string[] {
  if (p.key === 'raid-degraded') return ['PowerEdge'];
  if (['battery-80', 'keyboard-keys', 'touchpad-driver', 'ac-adapter', 'display-flicker', 'overheating-calls'].includes(p.key)) {
    return ['Latitude', 'Precision', 'XPS', 'Inspiron', 'Vostro'];
  }
  return PRODUCT_LINES.filter((l) => l !== 'PowerEdge');
}

/** The Markdown body of the article for a problem on a product line. */
export function problemBody(p: Problem, line: string, models: readonly string[]): string {
  return [
    `Applies to **${line}** (${models.join(', ')}).`,
    '',
    `## Symptoms`,
    `Customers describe it as: ${p.symptoms.slice(0, 3).map((s) => `"${s}"`).join(', ')}.`,
    '',
    '## Fix',
    ...p.steps.map((s, i) => `${i + 1}. ${s}`),
    '',
    `Keywords: ${p.terms.join(', ')}.`,
  ].join('\n');
}
