// sm-crypto ships no type declarations; only the SM4 block cipher is used. It is CommonJS
// without static export names, so it is imported as a default object.
declare module 'sm-crypto' {
  interface Sm4Options {
    padding?: 'pkcs#7' | 'pkcs#5' | 'none';
    mode?: 'ecb' | 'cbc';
    iv?: string | number[];
    output: 'array';
  }
  interface Sm4 {
    encrypt(data: number[], key: number[], options: Sm4Options): number[];
    decrypt(data: number[], key: number[], options: Sm4Options): number[];
  }
  const smCrypto: { readonly sm4: Sm4 };
  export default smCrypto;
}
