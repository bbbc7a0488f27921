/// The self-supervised grid-cell RNN of Schaeffer, Khona et al. (NeurIPS 2023): model, losses, backward pass,
/// optimiser, checkpoints and rollout.
public enum Trainer {}
