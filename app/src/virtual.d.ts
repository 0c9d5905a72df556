declare module 'virtual:idl-errors' {
  const programs: {
    name: string;
    address: string;
    errors: { code: number; name: string; msg: string }[];
  }[];
  export default programs;
}
