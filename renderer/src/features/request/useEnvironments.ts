/** Environments for the Request tab: the list, the active one, and edits (secrets go to main only). */
import { useCallback, useEffect, useState } from 'react';
import type { Environment, EnvironmentInput, Environments } from '../../../../shared/contract/environments';
import { notifyError } from '../../app/notify';
import { api } from '../../bridge';

export function useEnvironments() {
  const [state, setState] = useState<Environments>({ activeId: null, environments: [] });
  const reload = useCallback(async () => {
    try {
      setState(await api.environments.list());
    } catch (error) {
      notifyError(error, 'Loading environments');
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const setActive = useCallback(async (id: string | null) => {
    try {
      setState(await api.environments.setActive(id));
    } catch (error) {
      notifyError(error, 'Choosing the environment');
    }
  }, []);
  /** Throws the coded error so the editor can show it beside the field. */
  const save = useCallback(
    async (input: EnvironmentInput): Promise<Environment> => {
      const saved = await api.environments.save(input);
      await reload();
      return saved;
    },
    [reload],
  );
  const remove = useCallback(async (id: string) => {
    try {
      setState(await api.environments.remove(id));
    } catch (error) {
      notifyError(error, 'Deleting the environment');
    }
  }, []);
  const active = state.environments.find((environment) => environment.id === state.activeId) ?? null;
  return { ...state, active, reload, setActive, save, remove };
}

export type EnvironmentsState = ReturnType<typeof useEnvironments>;
