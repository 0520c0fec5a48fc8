// Tinos, metrically compatible with Times New Roman (which 36-HD prescribes) and covering every
// Vietnamese letter. Its bytes are imported, so they travel inside the Lambda bundle: the runtime
// has no fonts of its own and no node_modules.

import regular from '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf';
import italic from '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf';
import bold from '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf';
import boldItalic from '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf';

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** The four faces of the PDF's font. */
export const TINOS: Readonly<Record<FontStyle, Uint8Array>> = { regular, bold, italic, boldItalic };

/** The face of a run's style. */
export function fontStyle(run: { readonly bold?: boolean; readonly italic?: boolean }): FontStyle {
  if (run.bold) return run.italic ? 'boldItalic' : 'bold';
  return run.italic ? 'italic' : 'regular';
}
