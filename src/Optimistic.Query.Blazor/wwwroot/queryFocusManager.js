// The browser side of <QueryFocusManager />: reports the tab's focus and the network's state to the QueryClient
// (SetFocused, SetOnline on the .NET callback). Loaded with import() after the first interactive render.

const registrations = new Map();
let nextId = 1;

const isFocused = () => document.visibilityState !== 'hidden';

export function register(callback) {
  const id = nextId++;
  const report = (method, value) => {
    // A late event after the circuit or the app went away has nobody to tell.
    callback.invokeMethodAsync(method, value).catch(() => { });
  };
  // visibilitychange covers tab switches, minimizing and the phone's app switcher; focus covers coming back from
  // another window. Blur is not "unfocused" (devtools, an iframe): only a hidden page is, as in TanStack Query.
  const onVisibilityChange = () => report('SetFocused', isFocused());
  const onFocus = () => report('SetFocused', true);
  const onOnline = () => report('SetOnline', true);
  const onOffline = () => report('SetOnline', false);
  document.addEventListener('visibilitychange', onVisibilityChange);
  window.addEventListener('focus', onFocus);
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  registrations.set(id, () => {
    document.removeEventListener('visibilitychange', onVisibilityChange);
    window.removeEventListener('focus', onFocus);
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
  });
  // The state now: a page opened in a background tab, or offline, starts there.
  return { id, focused: isFocused(), online: navigator.onLine };
}

export function unregister(id) {
  const remove = registrations.get(id);
  if (remove === undefined) return;
  registrations.delete(id);
  remove();
}
