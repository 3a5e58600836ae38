export { default } from '@veza/eslint-config';
