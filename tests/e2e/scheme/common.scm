; Helpers shared by both GIMP versions; the version-specific ones come from prelude-*.scm.

; Writes "key value" lines; values are shown with `display`, so strings appear without quotes.
(define (t-report path pairs)
  (call-with-output-file path
    (lambda (port)
      (for-each (lambda (pair) (display (car pair) port) (display " " port) (display (cadr pair) port) (newline port))
                pairs))))

(define (t-bool value) (if (or (eq? value #t) (and (number? value) (not (= value 0)))) 1 0))

; Geometry, mask, visibility and name of a layer (or group), keys prefixed with `prefix`.
(define (t-describe prefix id)
  (let ((offsets (t-offsets id))
        (key (lambda (name) (string-append prefix name))))
    (list (list (key "x") (car offsets))
          (list (key "y") (cadr offsets))
          (list (key "width") (t-width id))
          (list (key "height") (t-height id))
          (list (key "has_mask") (if (> (car (gimp-layer-get-mask id)) 0) 1 0))
          (list (key "visible") (t-bool (car (gimp-item-get-visible id))))
          (list (key "is_group") (t-bool (car (gimp-item-is-group id))))
          (list (key "name") (car (gimp-item-get-name id))))))

(define (t-describe-children group)
  (let loop ((children (vector->list (t-children group))) (index 0) (out '()))
    (if (null? children)
        (cons (list "children" index) out)
        (loop (cdr children) (+ index 1)
              (append out (t-describe (string-append "child" (number->string index) "_") (car children)))))))

; Runs the fill on `img` above `anchor`, then reports what happened and exports the flattened image.
(define (t-run-case report flat img anchor prompt quality size variations)
  (let* ((before (vector-length (t-layers img)))
         (result (catch -1 (t-fill img anchor prompt quality size variations)))
         (layers (t-layers img)))
    (t-report report
      (append (list (list "result" result)
                    (list "count_before" before)
                    (list "count_after" (vector-length layers))
                    (list "top_is_result" (if (= (vector-ref layers 0) result) 1 0)))
              (if (> result 0) (t-describe "" result) '())
              (if (and (> result 0) (= (t-bool (car (gimp-item-is-group result))) 1)) (t-describe-children result) '())))
    (t-export img flat)))
