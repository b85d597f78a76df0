; GIMP 3 spellings of the helpers the end-to-end cases use (see common.scm). Plug-in procedures
; are called with named arguments, as Script-Fu 3 recommends.
(define (t-load path) (car (gimp-file-load RUN-NONINTERACTIVE path)))
(define (t-new-image w h)
  (let* ((img (car (gimp-image-new w h RGB)))
         (layer (car (gimp-layer-new img "Background" w h RGB-IMAGE 100 LAYER-MODE-NORMAL))))
    (gimp-image-insert-layer img layer 0 0)
    (gimp-drawable-fill layer FILL-WHITE)
    img))
(define (t-layers img) (car (gimp-image-get-layers img)))
(define (t-children group) (car (gimp-item-get-children group)))
(define (t-width id) (car (gimp-drawable-get-width id)))
(define (t-height id) (car (gimp-drawable-get-height id)))
; The fill with the selection's hard edge and no colour matching (t-fill-edges sets them), so the
; cases can check every pixel outside the selection and the stand-in's colour inside it.
(define (t-fill img drawable prompt quality size variations)
  (car (plug-in-gpt-image-edit #:run-mode RUN-NONINTERACTIVE #:image img #:drawables (vector drawable)
                               #:prompt prompt #:quality quality #:size size #:variations variations
                               #:feather-radius 0 #:color-match FALSE #:mask-grow 0)))
(define (t-fill-advanced img drawable prompt background fidelity format compression margin feather sample)
  (car (plug-in-gpt-image-edit #:run-mode RUN-NONINTERACTIVE #:image img #:drawables (vector drawable)
                               #:prompt prompt #:background background #:input-fidelity fidelity
                               #:output-format format #:output-compression compression #:context-margin margin
                               #:feather-radius feather #:sample sample #:color-match FALSE #:mask-grow 0)))
; color-match: #t or #f; grow and feather: pixels, -1 = the automatic defaults.
(define (t-fill-edges img drawable prompt color-match grow feather)
  (car (plug-in-gpt-image-edit #:run-mode RUN-NONINTERACTIVE #:image img #:drawables (vector drawable)
                               #:prompt prompt #:color-match (if color-match TRUE FALSE) #:mask-grow grow
                               #:feather-radius feather)))
; Remove with the selection's hard edge and no colour matching, as t-fill.
(define (t-remove img drawable hint)
  (car (plug-in-gpt-image-remove #:run-mode RUN-NONINTERACTIVE #:image img #:drawables (vector drawable)
                                 #:hint hint #:feather-radius 0 #:color-match FALSE #:mask-grow 0)))
(define (t-export img path)
  (let* ((copy (car (gimp-image-duplicate img))))
    (gimp-image-flatten copy)
    (gimp-file-save RUN-NONINTERACTIVE copy path)
    (gimp-image-delete copy)))
(define (t-offsets id) (gimp-drawable-get-offsets id))
(define (t-settings base-url model organization project timeout ca-file)
  (plug-in-gpt-image-settings #:run-mode RUN-NONINTERACTIVE #:base-url base-url #:model model
                              #:organization organization #:project project #:timeout timeout #:ca-file ca-file))
(define (t-new-transparent-layer img w h name) (car (gimp-layer-new img name w h RGBA-IMAGE 100 LAYER-MODE-NORMAL)))
(define (t-fill-sampling img drawable prompt sample)
  (car (plug-in-gpt-image-edit #:run-mode RUN-NONINTERACTIVE #:image img #:drawables (vector drawable)
                               #:prompt prompt #:sample sample #:feather-radius 0 #:color-match FALSE #:mask-grow 0)))
(define (t-fill-drawables img drawables prompt)
  (car (plug-in-gpt-image-edit #:run-mode RUN-NONINTERACTIVE #:image img #:drawables drawables #:prompt prompt
                               #:feather-radius 0 #:color-match FALSE #:mask-grow 0)))
(define (t-new-empty-image w h) (car (gimp-image-new w h RGB)))
(define (t-convert-precision img bits)
  (gimp-image-convert-precision img (if (eq? bits 'u16) PRECISION-U16-NON-LINEAR PRECISION-FLOAT-LINEAR)))
(define (t-convert-indexed img)
  (gimp-image-convert-indexed img CONVERT-DITHER-NONE CONVERT-PALETTE-GENERATE 16 FALSE FALSE ""))
(define (t-new-group img name) (car (gimp-group-layer-new img name)))
; Fonts load in the background on a fresh profile; the refresh waits for them.
(define (t-text-layer img text)
  (gimp-fonts-refresh)
  (car (gimp-text-font img -1 40 40 text 0 TRUE 48 (car (gimp-context-get-font)))))
(define (t-add-mask layer)
  (let ((mask (car (gimp-layer-create-mask layer ADD-MASK-WHITE)))) (gimp-layer-add-mask layer mask) mask))
(define (t-new-channel img w h)
  (let ((channel (car (gimp-channel-new img "a channel" w h 50 '(255 0 0)))))
    (gimp-image-insert-channel img channel 0 0)
    channel))
(define (t-is-layer id) (= (t-bool (car (gimp-item-id-is-layer id))) 1))
(define (t-fill-streaming img drawable prompt partial-images)
  (car (plug-in-gpt-image-edit #:run-mode RUN-NONINTERACTIVE #:image img #:drawables (vector drawable)
                               #:prompt prompt #:feather-radius 0 #:color-match FALSE #:mask-grow 0
                               #:partial-images partial-images)))
; Generate Layer / Generate Image / the fill with references; `refs` is a list of drawable ids.
(define (t-generate img drawable prompt size variations background format fit refs)
  (car (plug-in-gpt-image-generate #:run-mode RUN-NONINTERACTIVE #:image img #:drawables (vector drawable)
                                   #:prompt prompt #:size size #:variations variations #:background background
                                   #:output-format format #:fit fit #:references (list->vector refs))))
(define (t-generate-new canvas prompt background fit refs)
  (car (plug-in-gpt-image-new #:run-mode RUN-NONINTERACTIVE #:canvas canvas #:prompt prompt
                              #:background background #:fit fit #:references (list->vector refs))))
(define (t-fill-refs img drawable prompt refs)
  (car (plug-in-gpt-image-edit #:run-mode RUN-NONINTERACTIVE #:image img #:drawables (vector drawable)
                               #:prompt prompt #:feather-radius 0 #:color-match FALSE #:mask-grow 0
                               #:references (list->vector refs))))
(define (t-image-count) (vector-length (car (gimp-get-images))))
(define (t-image-width img) (car (gimp-image-get-width img)))
(define (t-image-height img) (car (gimp-image-get-height img)))
; The image's single layer as it is, alpha included (no flattening).
(define (t-export-layer img path) (gimp-file-save RUN-NONINTERACTIVE img path))
; The fill as t-fill, with the `cache` argument (off or reuse).
(define (t-fill-cache img drawable prompt cache)
  (car (plug-in-gpt-image-edit #:run-mode RUN-NONINTERACTIVE #:image img #:drawables (vector drawable)
                               #:prompt prompt #:feather-radius 0 #:color-match FALSE #:mask-grow 0 #:cache cache)))
