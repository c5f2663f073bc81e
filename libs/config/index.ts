// Start-up configuration for every Kubenest process: settings bound to flags and environment
// variables, validated once with class-validator; a bad value stops the process with one line.
export { ConfigError } from './config-error';
export { loadSettings } from './load-settings';
export type { SettingSources } from './load-settings';
export { Setting, settingBindings } from './setting.decorator';
export type { SettingBinding } from './setting.decorator';
export * from './parsers';
export * from './validators';
