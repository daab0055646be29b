"use client";

export function ThemeToggle() {
  function handleToggle() {
    const isDark = document.documentElement.classList.toggle("dark");
    localStorage.setItem("holmes-theme", isDark ? "dark" : "light");
  }
  return (
    <button
      type="button"
      onClick={handleToggle}
      aria-label="Toggle dark mode"
      className="rounded-md border border-zinc-300 px-2 py-1 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
    >
      <span className="dark:hidden">Dark</span>
      <span className="hidden dark:inline">Light</span>
    </button>
  );
}
