import { render } from 'preact';
import { Popup } from '@/components/Popup';
import '@/components/theme.css';
import './popup.css';

render(<Popup />, document.getElementById('app')!);
