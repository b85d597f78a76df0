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

; The message and irritants of the error t-catch-error caught last ('() when the call succeeded).
(define t-last-error '())

; (catch -1 (call)) for `call`, a procedure of no arguments, keeping the error in t-last-error
; (Script-Fu's error hook sees it before `catch` forgets it).
(define (t-catch-error call)
  (let ((saved *error-hook*))
    (set! t-last-error '())
    (set! *error-hook* (lambda args (set! *error-hook* saved) (set! t-last-error args) (apply throw args)))
    (let ((result (catch -1 (call))))
      (set! *error-hook* saved)
      result)))

; Writes t-last-error to `path`: the message, then each irritant on a line of its own.
(define (t-write-error path)
  (call-with-output-file path
    (lambda (port) (for-each (lambda (part) (display part port) (newline port)) t-last-error))))

; Runs `call` (a procedure of no arguments that returns the fill's result) on `img`, then reports
; what happened: the result, layer counts, where the result sits next to `anchor` (a layer, or 0),
; and exports the flattened image to `flat` unless `flat` is #f. The error of a failed call goes
; to `report`.error.
(define (t-run-call report flat img anchor call)
  (let* ((before (vector-length (t-layers img)))
         (result (t-catch-error call))
         (layers (t-layers img))
         (placed (> result 0))
         (anchored (and placed (> anchor 0) (t-is-layer anchor))))
    (t-report report
      (append (list (list "result" result)
                    (list "count_before" before)
                    (list "count_after" (vector-length layers))
                    (list "top_is_result" (if (and placed (> (vector-length layers) 0) (= (vector-ref layers 0) result)) 1 0)))
              (if anchored
                  (list (list "above_anchor"
                              (if (and (= (car (gimp-item-get-parent result)) (car (gimp-item-get-parent anchor)))
                                       (= (+ (car (gimp-image-get-item-position img result)) 1)
                                          (car (gimp-image-get-item-position img anchor))))
                                  1 0)))
                  '())
              (if placed (t-describe "" result) '())
              (if (and placed (= (t-bool (car (gimp-item-is-group result))) 1)) (t-describe-children result) '())))
    (if (pair? t-last-error) (t-write-error (string-append report ".error")))
    (if flat (t-export img flat))))

; Runs the fill on `img` above `anchor`, then reports what happened and exports the flattened image.
(define (t-run-case report flat img anchor prompt quality size variations)
  (t-run-call report flat img anchor (lambda () (t-fill img anchor prompt quality size variations))))

; Runs `call` (a procedure of no arguments that returns a new image) and reports the result, the
; number of open images before and after, the new image's size, dirtiness and layers (the first
; described), then exports its single layer with alpha to `raw`. The error of a failed call goes to
; `report`.error.
(define (t-run-new report raw call)
  (let* ((before (t-image-count))
         (image (t-catch-error call))
         (made (> image 0)))
    (t-report report
      (append (list (list "result" image) (list "images_before" before) (list "images_after" (t-image-count)))
              (if made
                  (append (list (list "image_width" (t-image-width image))
                                (list "image_height" (t-image-height image))
                                (list "dirty" (t-bool (car (gimp-image-is-dirty image))))
                                (list "count_after" (vector-length (t-layers image))))
                          (t-describe "" (vector-ref (t-layers image) 0)))
                  '())))
    (if (pair? t-last-error) (t-write-error (string-append report ".error")))
    (if made (t-export-layer image raw))))
