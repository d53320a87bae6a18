// random model file (seed 0, #8), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_08 {
	Layer L0 {
		Type: FC
		Stride { X: 1, Y: 1 }
		Dimensions { N: 4, K: 32, C: 64, R: 1, S: 1, Y: 1, X: 1 }
	}
	Layer L1 {
		Type: FC
		Stride { X: 1, Y: 1 }
		Dimensions { N: 2, K: 16, C: 64, R: 1, S: 1, Y: 1, X: 1 }
	}
}
