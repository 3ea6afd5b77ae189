// jstat ships no types; only the distributions Kurs uses are declared.
declare module "jstat" {
  interface ContinuousDistribution {
    cdf(x: number, ...params: number[]): number;
    pdf(x: number, ...params: number[]): number;
    inv(p: number, ...params: number[]): number;
  }
  const jStat: {
    readonly studentt: ContinuousDistribution;
    readonly normal: ContinuousDistribution;
  };
  export default jStat;
}
