// The `ipp` package ships no type declarations. Only its message serializer and parser are
// used (the HTTP transport is ours, so that every call has a timeout); these are their shapes.
declare module 'ipp' {
  /** One attribute value as the parser returns it: enums come back as their keyword names. */
  type IppScalar = string | number | boolean | Date | readonly number[];
  type IppValue = IppScalar | readonly IppScalar[] | { readonly [member: string]: IppValue };
  type IppGroup = { readonly [attribute: string]: IppValue };

  interface IppRequest {
    readonly version?: '1.0' | '1.1' | '2.0' | '2.1' | '2.2';
    readonly operation: string;
    readonly id?: number;
    readonly 'operation-attributes-tag': IppGroup;
    readonly 'job-attributes-tag'?: IppGroup;
    readonly data?: Buffer;
  }

  interface IppResponse {
    readonly version: string;
    /** A status keyword such as `successful-ok` or `client-error-not-found`. */
    readonly statusCode: string;
    readonly id: number;
    readonly 'operation-attributes-tag'?: IppGroup;
    readonly 'job-attributes-tag'?: IppGroup | readonly IppGroup[];
    readonly 'printer-attributes-tag'?: IppGroup | readonly IppGroup[];
    readonly 'unsupported-attributes-tag'?: IppGroup;
  }

  const ipp: {
    /** Throws (a string or an Error) on an attribute it does not know. */
    serialize(message: IppRequest): Buffer;
    parse(buffer: Buffer): IppResponse;
  };
  export default ipp;
  export type { IppGroup, IppRequest, IppResponse, IppScalar, IppValue };
}
