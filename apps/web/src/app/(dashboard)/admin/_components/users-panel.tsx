"use client";

import { ROLES, type Role } from "@holmes/core";
import { Card } from "@holmes/ui";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";
import { CreateUserForm } from "./create-user-form";

export function UsersPanel(props: { currentUserId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: users } = useSuspenseQuery(trpc.admin.users.list.queryOptions());
  const invalidate = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.admin.users.pathFilter()),
      queryClient.invalidateQueries(trpc.admin.audit.pathFilter()),
    ]);
  const setRole = useMutation(trpc.admin.users.setRole.mutationOptions({ onSuccess: invalidate }));
  const setDisabled = useMutation(
    trpc.admin.users.setDisabled.mutationOptions({ onSuccess: invalidate }),
  );
  const failure = setRole.error ?? setDisabled.error;

  return (
    <Card title="Users">
      <CreateUserForm onCreated={invalidate} />
      {failure && (
        <p role="alert" className="mt-4 text-sm text-red-700 dark:text-red-400">
          {errorMessage(failure)}
        </p>
      )}
      <table className="mt-6 w-full text-left text-sm">
        <thead className="text-xs text-zinc-500 uppercase">
          <tr>
            <th className="py-2">User</th>
            <th>Role</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} className="border-t border-zinc-200 dark:border-zinc-800">
              <td className="py-2">
                <div className="font-medium">{user.name}</div>
                <div className="text-zinc-500">{user.email}</div>
              </td>
              <td>
                <select
                  aria-label={`Role of ${user.email}`}
                  value={user.role}
                  onChange={(e) =>
                    setRole.mutate({ userId: user.id, role: e.target.value as Role })
                  }
                  className="rounded border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-700"
                >
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {role}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <button
                  type="button"
                  disabled={user.id === props.currentUserId}
                  onClick={() => setDisabled.mutate({ userId: user.id, disabled: !user.disabled })}
                  className="rounded border border-zinc-300 px-2 py-1 disabled:opacity-40 dark:border-zinc-700"
                >
                  {user.disabled ? "Disabled · enable" : "Active · disable"}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
