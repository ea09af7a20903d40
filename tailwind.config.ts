import type { Config } from 'tailwindcss';

// Colours are CSS variables (defined for light and dark in app/globals.css) so charts, badges and
// plain CSS all read the same tokens, and dark mode is a class switch on <html>.
const status = (name: string) => ({
  DEFAULT: `var(--status-${name})`,
  fg: `var(--status-${name}-fg)`,
  bg: `var(--status-${name}-bg)`,
});

const config = {
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}', './lib/**/*.{ts,tsx}'],
  darkMode: 'class',
  theme: {
    extend: {
      colors: {
        background: 'var(--background)',
        surface: 'var(--surface)',
        'surface-raised': 'var(--surface-raised)',
        foreground: 'var(--foreground)',
        muted: 'var(--muted)',
        border: 'var(--border)',
        ring: 'var(--ring)',
        primary: { DEFAULT: 'var(--primary)', fg: 'var(--primary-fg)', soft: 'var(--primary-soft)' },
        healthy: status('healthy'),
        warning: status('warning'),
        error: status('error'),
        paused: status('paused'),
        neutral: status('neutral'),
      },
      fontFamily: {
        sans: [
          'ui-sans-serif',
          'system-ui',
          '-apple-system',
          'Segoe UI',
          'Roboto',
          'Helvetica Neue',
          'Arial',
          'sans-serif',
        ],
        mono: ['ui-monospace', 'SFMono-Regular', 'Menlo', 'Consolas', 'Liberation Mono', 'monospace'],
      },
    },
  },
} satisfies Config;

export default config;
