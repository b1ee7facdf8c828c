import { registerBackgroundListeners } from '@/lib/background';

export default defineBackground(registerBackgroundListeners);
