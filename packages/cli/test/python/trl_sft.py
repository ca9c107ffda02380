"""Feeds the Parquet output of `training-templates prepare` to TRL's `SFTTrainer` as a pre-tokenized dataset
(`input_ids` + `assistant_masks`, our `labels` column removed so that TRL builds its own), trains a tiny causal LM
built from a config on CPU for a few steps, and answers with what TRL made of the data, for the test to compare with
our `labels`.

stdin:  {"dataFiles": str | [str], "cacheDir": str, "tokenizerDir": str, "outputDir": str, "maxSteps": int,
         "batchSize": int}
stdout: {"assistantOnlyLoss": {"refused": bool, "errorType": str?, "error": str?},
         "asLoaded": {"columns": [str], "labels": [[int]]},  # SFTTrainer's prepared data when our labels stay
         "preparedColumns": [str],        # the train dataset's columns after SFTTrainer prepared it
         "preparedLabels": [[int]],       # its `labels`, row by row in dataset order
         "collated": [{"labels": [[int]], "attentionMask": [[int]]}],  # the trainer's collator on rows in order
         "trainingBatches": [{"input_ids": [[int]], "labels": [[int]], "attention_mask": [[int]]}],  # one a step
         "steps": int, "losses": [float | str]}   # a loss that is not finite is given as its repr
"""

import math

from prepared_output import claim_stdout, load_prepared, read_request, require, write_answer

datasets, torch, transformers, trl = require("datasets", "torch", "transformers", "trl")


def tiny_model(vocab_size):
    """A one-layer Qwen3 with random weights: the point is TRL's data path, not what the model learns."""
    torch.manual_seed(0)
    config = transformers.Qwen3Config(
        vocab_size=vocab_size,
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=1,
        num_attention_heads=2,
        num_key_value_heads=1,
        head_dim=16,
        tie_word_embeddings=True,
    )
    return transformers.AutoModelForCausalLM.from_config(config)


def sft_config(request, **overrides):
    return trl.SFTConfig(
        output_dir=request["outputDir"],
        max_steps=request["maxSteps"],
        per_device_train_batch_size=request["batchSize"],
        # Our rows are already cut by `prepare --max-length`; TRL would cut again at its default of 1024.
        max_length=None,
        learning_rate=1e-3,
        logging_steps=1,
        save_strategy="no",
        report_to="none",
        use_cpu=True,
        disable_tqdm=True,
        seed=0,
        **overrides,
    )


def refusal_of_assistant_only_loss(request, model, tokenizer, dataset):
    """What TRL does with `assistant_only_loss=True` on rows that are already tokens: the option re-renders
    conversations, and ours are no longer conversations."""
    try:
        trl.SFTTrainer(
            model=model,
            args=sft_config(request, assistant_only_loss=True),
            train_dataset=dataset,
            processing_class=tokenizer,
        )
    except Exception as error:
        return {"refused": True, "errorType": type(error).__name__, "error": str(error)}
    return {"refused": False}


def as_lists(tensor):
    return tensor.tolist()


def main():
    answer = claim_stdout()
    request = read_request("trl_sft.py")
    transformers.logging.set_verbosity_error()
    torch.set_num_threads(1)

    loaded = load_prepared(datasets, request)
    # TRL builds `labels` from `assistant_masks` only when the dataset has no `labels`: ours go, so TRL makes its own.
    dataset = loaded.remove_columns(["labels"])
    tokenizer = transformers.AutoTokenizer.from_pretrained(request["tokenizerDir"])
    model = tiny_model(len(tokenizer))

    refusal = refusal_of_assistant_only_loss(request, model, tokenizer, dataset)
    # The dataset as loaded, our `labels` kept: what TRL prepares from it (it trains on what it prepares).
    as_loaded = trl.SFTTrainer(
        model=model, args=sft_config(request), train_dataset=loaded, processing_class=tokenizer
    ).train_dataset

    trainer = trl.SFTTrainer(
        model=model, args=sft_config(request), train_dataset=dataset, processing_class=tokenizer
    )
    prepared = trainer.train_dataset
    collator = trainer.data_collator
    batch_size = request["batchSize"]
    collated = []
    for start in range(0, prepared.num_rows, batch_size):
        batch = collator([prepared[i] for i in range(start, min(start + batch_size, prepared.num_rows))])
        collated.append({"labels": as_lists(batch["labels"]), "attentionMask": as_lists(batch["attention_mask"])})

    # The batches the training steps really ran on (shuffled by the sampler). Recorded at the step, not at the
    # collator: the data loader fetches a batch ahead.
    training_batches = []
    training_step = trainer.training_step

    def recording_training_step(model, inputs, *args, **kwargs):
        training_batches.append({key: as_lists(inputs[key]) for key in ("input_ids", "labels", "attention_mask")})
        return training_step(model, inputs, *args, **kwargs)

    trainer.training_step = recording_training_step
    result = trainer.train()
    losses = [entry["loss"] for entry in trainer.state.log_history if "loss" in entry]
    write_answer(
        answer,
        {
            "assistantOnlyLoss": refusal,
            "asLoaded": {"columns": as_loaded.column_names, "labels": list(as_loaded["labels"])},
            "preparedColumns": prepared.column_names,
            "preparedLabels": list(prepared["labels"]),
            "collated": collated,
            "trainingBatches": training_batches,
            "steps": result.global_step,
            "losses": [loss if math.isfinite(loss) else repr(loss) for loss in losses],
        },
    )


if __name__ == "__main__":
    main()
