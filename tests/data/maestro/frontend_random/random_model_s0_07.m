// random model file (seed 0, #7), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_07 {
	Layer L0 {
		Type: DSCONV
		Stride { X: 2, Y: 2 }
		Dimensions { N: 4, K: 1, C: 1, R: 5, S: 5, Y: 31, X: 17 }
	}
	Layer L1 {
		Type: FC
		Stride { X: 1, Y: 1 }
		Dimensions { K: 64, C: 16, R: 1, S: 1, Y: 1, X: 1 }
	}
}
