import { startContent } from './controller';
import { extensionApi, nativeApi } from './extension-api';

// Content-script entry (built as a standalone IIFE by crxjs): wires the browser into the controller.
const native = nativeApi();
if (native) startContent(extensionApi(native), window);
