"use client";

import { ROLES } from "@holmes/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useRef } from "react";
import { errorMessage } from "~/lib/error-message";
import { useTRPC } from "~/trpc/react";

export function CreateUserForm(props: { onCreated: () => unknown }) {
  const trpc = useTRPC();
  const formRef = useRef<HTMLFormElement>(null);
  const create = useMutation(
    trpc.admin.users.create.mutationOptions({
      onSuccess: () => {
        formRef.current?.reset();
        return props.onCreated();
      },
    }),
  );

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({
      email: String(form.get("email")),
      name: String(form.get("name")),
      role: String(form.get("role")) as (typeof ROLES)[number],
      password: String(form.get("password")),
    });
  }

  return (
    <form
      ref={formRef}
      onSubmit={handleSubmit}
      className="grid gap-3 sm:grid-cols-2"
      aria-label="Create user"
    >
      <input name="name" required placeholder="Name" aria-label="Name" className={field} />
      <input
        name="email"
        type="email"
        required
        placeholder="Email"
        aria-label="Email"
        className={field}
      />
      <input
        name="password"
        type="password"
        required
        minLength={12}
        placeholder="Initial password (12+ characters)"
        aria-label="Initial password"
        autoComplete="new-password"
        className={field}
      />
      <select name="role" defaultValue="viewer" aria-label="Role" className={field}>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {role}
          </option>
        ))}
      </select>
      <div className="flex items-center gap-3 sm:col-span-2">
        <button
          type="submit"
          disabled={create.isPending}
          className="rounded-md bg-sky-700 px-3 py-2 text-sm font-semibold text-white hover:bg-sky-800 disabled:opacity-60"
        >
          {create.isPending ? "Creating…" : "Create user"}
        </button>
        {create.error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {errorMessage(create.error)}
          </p>
        )}
      </div>
    </form>
  );
}

const field =
  "rounded-md border border-zinc-300 bg-transparent px-3 py-2 text-sm dark:border-zinc-700";
