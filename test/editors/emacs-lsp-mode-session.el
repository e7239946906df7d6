;;; emacs-lsp-mode-session.el --- run by emacs.test.ts after the README's settings  -*- lexical-binding: t -*-
;; Opens a broken playbook as a user would and starts lsp-mode for it (M-x lsp, answering
;; its question with "import the file's folder as the project root"), waits for the
;; server's diagnostics and writes what Emacs has to RESULT (JSON).
;; What an interactive Emacs does before the init file: activate the installed packages
;; (their autoloads, which lsp-mode relies on).
(package-activate-all)
(require 'lsp-mode)
(require 'json)
(find-file (getenv "PLAYBOOK_FILE"))
(lsp-workspace-folders-add (directory-file-name default-directory))
(lsp)
(let ((deadline (+ (float-time) 120)))
  (while (and (null (gethash (buffer-file-name) (lsp-diagnostics t))) (< (float-time) deadline))
    (accept-process-output nil 0.1)))
(let* ((workspace (car (lsp-workspaces)))
       (result
        (list (cons 'mode (symbol-name major-mode))
              (cons 'root (and workspace (lsp--workspace-root workspace)))
              (cons 'command (and workspace (vconcat (process-command (lsp--workspace-cmd-proc workspace)))))
              (cons 'diagnostics
                    (vconcat (mapcar (lambda (d)
                                       (list (cons 'line (lsp-get (lsp-get (lsp-get d :range) :start) :line))
                                             (cons 'text (format "%s [%s]" (lsp-get d :message) (lsp-get d :code)))))
                                     (gethash (buffer-file-name) (lsp-diagnostics t))))))))
  (with-temp-file (getenv "RESULT") (insert (json-encode result))))
(kill-emacs 0)
