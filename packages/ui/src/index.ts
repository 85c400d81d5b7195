export * from './format.ts';
export * from './use-now.ts';
export { ConnectionBanner } from './ConnectionBanner.tsx';
export {
  usePasswordChange,
  type PasswordChangeAnswer,
  type PasswordChangeTexts,
} from './PasswordChange.tsx';
export * from './reopening.ts';
