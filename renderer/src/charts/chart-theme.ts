/** Colors a chart needs, per app theme; `paper` is for exported figures (black on white or transparent). */
export interface ChartTheme {
  name: 'light' | 'dark' | 'paper';
  text: string;
  subtle: string;
  axis: string;
  split: string;
  /** The canvas background; 'transparent' leaves it to the page or the figure. */
  background: string;
  tooltipBackground: string;
  tooltipBorder: string;
}

export const LIGHT: ChartTheme = {
  name: 'light',
  text: '#1f2430',
  subtle: '#5d6475',
  axis: '#8a91a3',
  split: '#e6e8ee',
  background: 'transparent',
  tooltipBackground: '#ffffff',
  tooltipBorder: '#d5d9e2',
};

export const DARK: ChartTheme = {
  name: 'dark',
  text: '#e4e7ee',
  subtle: '#a3aabb',
  axis: '#6e7689',
  split: '#2c3240',
  background: 'transparent',
  tooltipBackground: '#1b1f29',
  tooltipBorder: '#394052',
};

export function paperTheme(background: 'white' | 'transparent'): ChartTheme {
  return { ...LIGHT, name: 'paper', text: '#000000', subtle: '#222222', axis: '#333333', split: '#e4e4e4', background: background === 'white' ? '#ffffff' : 'transparent' };
}

export function themeOf(name: 'light' | 'dark'): ChartTheme {
  return name === 'dark' ? DARK : LIGHT;
}
