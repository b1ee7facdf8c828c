import { browser } from 'wxt/browser';
import { startBoxFrame } from '@/components/schedule-box/BoxFrame';
import '@/components/schedule-box/box.css';

// The schedule box's frame, put on schedule pages by the content script (lib/enrich/page/box-host.ts).
document.documentElement.lang = browser.i18n.getUILanguage();
startBoxFrame(window, document.getElementById('box')!);
