export const placeholder = 'server: see issue 4';
