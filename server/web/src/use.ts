/** Small composables for pages: a request's loading / error state, and server errors mapped to form fields. */
import { onBeforeUnmount, onMounted, reactive, ref } from "vue";
import { ApiError } from "./api";

/** Runs a loader and keeps its state: loading, error (Chinese message) and data. */
export function useLoader<T>(load: () => Promise<T>, initial: T) {
  const data = ref(initial) as { value: T };
  const loading = ref(false);
  const error = ref<string | null>(null);
  let generation = 0;
  async function run(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const value = await load();
      if (mine === generation) data.value = value;
    } catch (err) {
      if (mine === generation) error.value = (err as Error).message || "加载失败";
    } finally {
      if (mine === generation) loading.value = false;
    }
  }
  return { data, loading, error, run };
}

/**
 * Errors of the server by form field: an ApiError's problems ("input.monthlyPay", "majors.0",
 * "rows.3.nationalId") land on the field named by the last non-numeric part of the path.
 * Returns the messages that matched no field (shown above the form).
 */
export function useFieldErrors(fields: readonly string[]) {
  const errors = reactive<Record<string, string>>({});
  function clear(): void {
    for (const key of Object.keys(errors)) delete errors[key];
  }
  function apply(err: unknown): string[] {
    clear();
    if (!(err instanceof ApiError)) return [(err as Error).message];
    const problems = err.problems.length ? err.problems : [{ field: err.field ?? "", message: err.message }];
    const rest: string[] = [];
    for (const p of problems) {
      const field = p.field.split(".").reverse().find((part) => fields.includes(part));
      if (field) errors[field] = errors[field] ? `${errors[field]}；${p.message}` : p.message;
      else rest.push(p.message);
    }
    return rest;
  }
  return { errors, clear, apply };
}

/** Whether the window is phone-sized (below 768 px), following resizes. */
export function useNarrow(limit = 768) {
  const narrow = ref(window.innerWidth < limit);
  const onResize = () => { narrow.value = window.innerWidth < limit; };
  onMounted(() => window.addEventListener("resize", onResize));
  onBeforeUnmount(() => window.removeEventListener("resize", onResize));
  return narrow;
}
