// Rules that each take one part of the card's own style and layout cost away,
// added after the card's stylesheet (style-cost.mjs --parts). Comparing the
// card with each against the card as it is tells whether that cost follows
// the amount of content (the text, the related stories) or the fonts (how
// many faces, sizes and weights the text is set in). !important, because the
// card's own rules are more specific than these.
export const cardParts = [
  { name: 'one-font', what: 'all text in the body face, at one size and weight',
    css: '.nw-card, .nw-card * { font: 400 16px/1.5 var(--nw-font-body) !important; }' },
  { name: 'one-size', what: 'all text at one size, faces and weights as they are',
    css: '.nw-card, .nw-card * { font-size: 16px !important; }' },
  { name: 'one-weight', what: 'all text upright at one weight, faces and sizes as they are',
    css: '.nw-card, .nw-card * { font-weight: 400 !important; font-style: normal !important; }' },
  { name: 'no-body', what: 'without the text below the lead',
    css: '.nw-body { display: none !important; }' },
  { name: 'no-related', what: 'without the related stories',
    css: '.nw-related { display: none !important; }' },
];

// The card's stylesheet `css` with `part`'s rule after it.
export function withPart(css, part) {
  return `${css}\n/* style-cost part: ${part.name}, ${part.what} */\n${part.css}\n`;
}
