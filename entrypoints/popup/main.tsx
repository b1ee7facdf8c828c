import { render } from 'preact';
import { Popup } from '@/components/Popup';
import { POPUP_ROOT_ID } from '@/lib/ui/first-paint';
import '@/components/theme.css';
import './popup.css';

const root = document.getElementById(POPUP_ROOT_ID)!;
// The remembered first screen (lib/ui/first-paint.ts) gives way to the popup in this same task.
root.replaceChildren();
render(<Popup />, root);
