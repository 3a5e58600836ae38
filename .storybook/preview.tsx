import type { Preview } from '@storybook/react-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import '../packages/ui/src/styles.css';

const preview: Preview = {
  // Starts the MSW worker once and applies each story's `parameters.msw` handlers (msw-storybook-addon 3, CSF 3).
  loaders: [mswLoader()],
  parameters: {
    layout: 'padded',
    backgrounds: {
      options: {
        dark: { name: 'Veza dark', value: '#0e0f13' },
        surface: { name: 'Surface', value: '#17191f' },
      },
    },
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
  },
  initialGlobals: { backgrounds: { value: 'dark' } },
};

export default preview;
