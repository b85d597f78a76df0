; GIMP 2.10 spellings of the helpers the end-to-end cases use (see common.scm).
(define (t-load path) (car (gimp-file-load RUN-NONINTERACTIVE path path)))
(define (t-new-image w h)
  (let* ((img (car (gimp-image-new w h RGB)))
         (layer (car (gimp-layer-new img w h RGB-IMAGE "Background" 100 LAYER-MODE-NORMAL))))
    (gimp-image-insert-layer img layer 0 0)
    (gimp-drawable-fill layer FILL-WHITE)
    img))
(define (t-layers img) (cadr (gimp-image-get-layers img)))
(define (t-children group) (cadr (gimp-item-get-children group)))
(define (t-width id) (car (gimp-drawable-width id)))
(define (t-height id) (car (gimp-drawable-height id)))
; The fill with the selection's hard edge and no colour matching (t-fill-edges sets them), so the
; cases can check every pixel outside the selection and the stand-in's colour inside it.
(define (t-fill img drawable prompt quality size variations)
  (car (plug-in-gpt-image-edit RUN-NONINTERACTIVE img drawable prompt quality size variations
                               "auto" "low" "png" 100 -1 0 "visible" 0 0 2 0 (vector) "off")))
(define (t-fill-advanced img drawable prompt background fidelity format compression margin feather sample)
  (car (plug-in-gpt-image-edit RUN-NONINTERACTIVE img drawable prompt "medium" "auto" 1
                               background fidelity format compression margin feather sample 0 0 2 0 (vector) "off")))
; color-match: #t or #f; grow and feather: pixels, -1 = the automatic defaults.
(define (t-fill-edges img drawable prompt color-match grow feather)
  (car (plug-in-gpt-image-edit RUN-NONINTERACTIVE img drawable prompt "medium" "auto" 1
                               "auto" "low" "png" 100 -1 feather "visible" (if color-match 1 0) grow 2 0 (vector) "off")))
; Remove with the selection's hard edge and no colour matching, as t-fill.
(define (t-remove img drawable hint)
  (car (plug-in-gpt-image-remove RUN-NONINTERACTIVE img drawable hint "medium" "auto" 1
                                 "auto" "low" "png" 100 -1 0 "visible" 0 0 2 0 (vector) "off")))
(define (t-export img path)
  (let* ((copy (car (gimp-image-duplicate img)))
         (flat (car (gimp-image-flatten copy))))
    (file-png-save-defaults RUN-NONINTERACTIVE copy flat path path)
    (gimp-image-delete copy)))
(define (t-offsets id) (gimp-drawable-offsets id))
(define (t-settings base-url model organization project timeout ca-file)
  (plug-in-gpt-image-settings RUN-NONINTERACTIVE base-url model organization project timeout ca-file 2 10 60))
(define (t-new-transparent-layer img w h name) (car (gimp-layer-new img w h RGBA-IMAGE name 100 LAYER-MODE-NORMAL)))
(define (t-fill-sampling img drawable prompt sample)
  (car (plug-in-gpt-image-edit RUN-NONINTERACTIVE img drawable prompt "medium" "auto" 1
                               "auto" "low" "png" 100 -1 0 sample 0 0 2 0 (vector) "off")))
(define (t-new-empty-image w h) (car (gimp-image-new w h RGB)))
(define (t-convert-precision img bits)
  (gimp-image-convert-precision img (if (eq? bits 'u16) PRECISION-U16-GAMMA PRECISION-FLOAT-LINEAR)))
(define (t-convert-indexed img) (gimp-image-convert-indexed img CONVERT-DITHER-NONE CONVERT-PALETTE-GENERATE 16 FALSE FALSE ""))
(define (t-new-group img name)
  (let ((group (car (gimp-layer-group-new img)))) (gimp-item-set-name group name) group))
; Fonts load in the background on a fresh profile; the refresh waits for them.
(define (t-text-layer img text)
  (gimp-fonts-refresh)
  (car (gimp-text-fontname img -1 40 40 text 0 TRUE 48 PIXELS "Sans")))
(define (t-add-mask layer)
  (let ((mask (car (gimp-layer-create-mask layer ADD-MASK-WHITE)))) (gimp-layer-add-mask layer mask) mask))
(define (t-new-channel img w h)
  (let ((channel (car (gimp-channel-new img w h "a channel" 50 '(255 0 0)))))
    (gimp-image-insert-channel img channel 0 0)
    channel))
(define (t-is-layer id) (= (t-bool (car (gimp-item-is-layer id))) 1))
(define (t-fill-streaming img drawable prompt partial-images)
  (car (plug-in-gpt-image-edit RUN-NONINTERACTIVE img drawable prompt "medium" "auto" 1
                               "auto" "low" "png" 100 -1 0 "visible" 0 0 partial-images 0 (vector) "off")))
; Generate Layer / Generate Image / the fill with references; `refs` is a list of drawable ids.
(define (t-generate img drawable prompt size variations background format fit refs)
  (car (plug-in-gpt-image-generate RUN-NONINTERACTIVE img drawable prompt "medium" size variations background
                                   format 100 2 fit "low" (length refs) (list->vector refs) "off")))
(define (t-generate-new canvas prompt background fit refs)
  (car (plug-in-gpt-image-new RUN-NONINTERACTIVE canvas prompt "medium" "auto" 1 background "png" 100 2 fit "low"
                              (length refs) (list->vector refs) "off")))
(define (t-fill-refs img drawable prompt refs)
  (car (plug-in-gpt-image-edit RUN-NONINTERACTIVE img drawable prompt "medium" "auto" 1
                               "auto" "low" "png" 100 -1 0 "visible" 0 0 2 (length refs) (list->vector refs) "off")))
(define (t-image-count) (car (gimp-image-list)))
(define (t-image-width img) (car (gimp-image-width img)))
(define (t-image-height img) (car (gimp-image-height img)))
; The image's single layer as it is, alpha included (no flattening).
(define (t-export-layer img path)
  (file-png-save-defaults RUN-NONINTERACTIVE img (vector-ref (t-layers img) 0) path path))
; The fill as t-fill, with the `cache` argument (off or reuse).
(define (t-fill-cache img drawable prompt cache)
  (car (plug-in-gpt-image-edit RUN-NONINTERACTIVE img drawable prompt "medium" "auto" 1
                               "auto" "low" "png" 100 -1 0 "visible" 0 0 2 0 (vector) cache)))
