/** The language model, when one is configured (any OpenAI-compatible endpoint; read from the environment by src/config.ts). */
export interface LlmConfig {
  apiKey: string;
  baseURL: string | null;
  model: string;
  maxSteps: number;
  timeoutMs: number;
}
