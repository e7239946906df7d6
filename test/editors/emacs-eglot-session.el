;;; emacs-eglot-session.el --- run by emacs.test.ts after the README's settings  -*- lexical-binding: t -*-
;; Opens a broken playbook as a user would, starts eglot for it (what M-x eglot does), waits
;; for the server's diagnostics and writes what Emacs has to RESULT (JSON).
;; What an interactive Emacs does before the init file: activate the installed packages.
(package-activate-all)
(require 'eglot)
(require 'json)
(find-file (getenv "PLAYBOOK_FILE"))
(apply #'eglot (eglot--guess-contact))
;; Batch mode runs no command loop, so flymake's first check is started here.
(flymake-start)
(let ((deadline (+ (float-time) 120)))
  (while (and (null (flymake-diagnostics)) (< (float-time) deadline))
    (accept-process-output nil 0.1)))
(let ((server (eglot-current-server))
      (result (list (cons 'mode (symbol-name major-mode))
                    (cons 'diagnostics
                          (vconcat (mapcar (lambda (d)
                                             (list (cons 'line (1- (line-number-at-pos (flymake-diagnostic-beg d))))
                                                   (cons 'text (flymake-diagnostic-text d))))
                                           (flymake-diagnostics)))))))
  (push (cons 'root (and server (expand-file-name (project-root (eglot--project server))))) result)
  (push (cons 'command (and server (vconcat (process-command (jsonrpc--process server))))) result)
  (with-temp-file (getenv "RESULT") (insert (json-encode result))))
(kill-emacs 0)
