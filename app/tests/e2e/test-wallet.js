// A Wallet Standard wallet for the browser tests, standing in for Phantom. It is injected into
// the page before the app loads (Playwright addInitScript) as the source of `installTestWallet`
// followed by a call with a 64-byte Solana secret key (seed + public key). It implements
// standard:connect, standard:disconnect, standard:events, solana:signTransaction and
// solana:signMessage for solana:localnet and solana:devnet, signing with WebCrypto Ed25519.
// `window.__seTestWallet.rejectNext = true` makes the next signature request fail as a user
// rejection (code 4001), once.
// eslint-disable-next-line no-unused-vars
function installTestWallet(secretKey) {
  const secret = Uint8Array.from(secretKey);
  const seed = secret.slice(0, 32);
  const publicKey = secret.slice(32, 64);
  const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

  function base58(bytes) {
    let zeros = 0;
    while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
    let n = 0n;
    for (const b of bytes) n = n * 256n + BigInt(b);
    let out = '';
    while (n > 0n) {
      out = ALPHABET[Number(n % 58n)] + out;
      n /= 58n;
    }
    return '1'.repeat(zeros) + out;
  }

  const address = base58(publicKey);
  const chains = ['solana:localnet', 'solana:devnet'];
  const pkcs8 = new Uint8Array([
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ...seed,
  ]);
  const keyPromise = crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']);
  const sign = async (message) =>
    new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, await keyPromise, message));

  const state = { rejectNext: false, signatures: 0, connected: false };
  window.__seTestWallet = state;

  const account = Object.freeze({
    address,
    publicKey,
    chains,
    features: ['solana:signTransaction', 'solana:signMessage'],
    label: 'Test account',
  });
  const listeners = { change: new Set() };
  const emit = (props) => listeners.change.forEach((l) => l(props));

  function takeRejection() {
    if (state.rejectNext) {
      state.rejectNext = false;
      const e = new Error('User rejected the request.');
      e.code = 4001;
      throw e;
    }
  }

  function shortvec(bytes, offset) {
    let value = 0;
    let size = 0;
    for (;;) {
      const b = bytes[offset + size];
      value |= (b & 0x7f) << (7 * size);
      size++;
      if ((b & 0x80) === 0) return [value, offset + size];
    }
  }

  async function signOne(transaction) {
    const bytes = Uint8Array.from(transaction);
    const [numSignatures, sigStart] = shortvec(bytes, 0);
    const message = bytes.slice(sigStart + 64 * numSignatures);
    let p = message[0] & 0x80 ? 1 : 0; // versioned message prefix
    const numRequired = message[p];
    p += 3;
    const [, keysStart] = shortvec(message, p);
    let index = -1;
    for (let i = 0; i < numRequired; i++) {
      const key = message.slice(keysStart + 32 * i, keysStart + 32 * (i + 1));
      if (key.every((b, j) => b === publicKey[j])) index = i;
    }
    if (index < 0 || index >= numSignatures) throw new Error('This transaction does not need the test wallet.');
    const signature = await sign(message);
    bytes.set(signature, sigStart + 64 * index);
    state.signatures++;
    return bytes;
  }

  const wallet = {
    version: '1.0.0',
    name: 'SourceEnergy Test Wallet',
    icon:
      'data:image/svg+xml;base64,' +
      btoa('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#059669"/><text x="16" y="22" font-size="16" text-anchor="middle" fill="white">T</text></svg>'),
    chains,
    get accounts() {
      return state.connected ? [account] : [];
    },
    features: {
      'standard:connect': {
        version: '1.0.0',
        connect: async () => {
          state.connected = true;
          emit({ accounts: wallet.accounts });
          return { accounts: wallet.accounts };
        },
      },
      'standard:disconnect': {
        version: '1.0.0',
        disconnect: async () => {
          state.connected = false;
          emit({ accounts: [] });
        },
      },
      'standard:events': {
        version: '1.0.0',
        on: (event, listener) => {
          listeners[event]?.add(listener);
          return () => listeners[event]?.delete(listener);
        },
      },
      'solana:signTransaction': {
        version: '1.0.0',
        supportedTransactionVersions: ['legacy', 0],
        signTransaction: async (...inputs) => {
          takeRejection();
          const out = [];
          for (const input of inputs) out.push({ signedTransaction: await signOne(input.transaction) });
          return out;
        },
      },
      'solana:signMessage': {
        version: '1.0.0',
        signMessage: async (...inputs) => {
          takeRejection();
          const out = [];
          for (const input of inputs) {
            out.push({ signedMessage: input.message, signature: await sign(input.message) });
            state.signatures++;
          }
          return out;
        },
      },
    },
  };

  const callback = ({ register }) => register(wallet);
  try {
    window.dispatchEvent(
      Object.assign(new Event('wallet-standard:register-wallet', { bubbles: false, cancelable: false }), {
        detail: callback,
      }),
    );
  } catch (e) {
    console.warn('test wallet: register event failed', e);
  }
  window.addEventListener('wallet-standard:app-ready', (event) => callback(event.detail));
}
