export const placeholder = 'studio: see issue 5';
