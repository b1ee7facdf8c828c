import { render } from 'preact';
import { Welcome } from '@/components/Welcome';
import '@/components/theme.css';
import './welcome.css';

render(<Welcome />, document.getElementById('app')!);
